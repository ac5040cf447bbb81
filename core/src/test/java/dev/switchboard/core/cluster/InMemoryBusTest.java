package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class InMemoryBusTest {

    @Test
    void nodesOnOneNetworkReceiveTheirSubscribedChannelsOnly() throws Exception {
        InMemoryBus.Network network = new InMemoryBus.Network();
        Inbox a = new Inbox();
        Inbox b = new Inbox();
        InMemoryBus busA = network.join("a");
        InMemoryBus busB = network.join("b");
        busA.start(a);
        busB.start(b);
        busA.subscribe(ClusterChannel.room("r"));
        busB.subscribe(ClusterChannel.room("r"));
        busB.subscribe(ClusterChannel.room("r"));

        busA.publish(ClusterChannel.room("r"), "one", "1", Set.of("x"));
        busB.unsubscribe(ClusterChannel.room("r"));
        busA.publish(ClusterChannel.room("r"), "two", "2", null);
        busB.unsubscribe(ClusterChannel.room("r"));
        busA.publish(ClusterChannel.room("r"), "three", "3", null);
        busA.publish(ClusterChannel.node("b"), "direct", "4", null);

        List<ClusterMessage> got = b.drain();
        assertEquals(List.of("one", "two", "direct"), got.stream().map(ClusterMessage::event).toList());
        assertEquals(Set.of("x"), got.get(0).exclude());
        assertEquals(List.of(), a.drain(), "the origin skips its own");
        assertEquals(3, busB.stats().received());
    }

    @Test
    void aLoneBusPublishesToNobodyAndAClosedOneDrops() {
        InMemoryBus bus = new InMemoryBus();
        Inbox inbox = new Inbox();
        bus.start(inbox);
        bus.subscribe(ClusterChannel.broadcast());
        bus.publish(ClusterChannel.broadcast(), "e", "1", null);
        assertEquals(List.of(), inbox.drain());
        bus.close();
        assertFalse(bus.publish(ClusterChannel.broadcast(), "e", "1", null));
        assertEquals(1, bus.stats().dropped());
    }
}
