package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BusCodecTest {

    @Test
    void writesTheDocumentedFormatAndReadsItBack() {
        ClusterMessage message = new ClusterMessage("node-\"a\"", ClusterChannel.room("lobby"), "moved",
                "{\"x\":[1,2]}", Set.of("c1"));
        String text = BusCodec.encode(message);
        assertEquals("{\"v\":1,\"origin\":\"node-\\\"a\\\"\",\"kind\":\"room\",\"target\":\"lobby\",\"event\":\"moved\","
                + "\"data\":{\"x\":[1,2]},\"exclude\":[\"c1\"]}", text);
        assertEquals(message, BusCodec.decode(text));
    }

    @Test
    void broadcastHasNoTargetAndEmptyExcludeIsLeftOut() {
        ClusterMessage message = new ClusterMessage("n", ClusterChannel.broadcast(), "news", null, null);
        assertEquals("{\"v\":1,\"origin\":\"n\",\"kind\":\"broadcast\",\"event\":\"news\",\"data\":null}",
                BusCodec.encode(message));
        assertEquals(message, BusCodec.decode(BusCodec.encode(message)));
    }

    @Test
    void rejectsOtherVersionsAndKinds() {
        assertThrows(IllegalArgumentException.class, () -> BusCodec.decode("{\"v\":2,\"origin\":\"n\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> BusCodec.decode("{\"v\":1,\"origin\":\"n\",\"kind\":\"planet\",\"target\":\"x\",\"event\":\"e\"}"));
        assertThrows(IllegalArgumentException.class, () -> BusCodec.decode("not json"));
    }
}
