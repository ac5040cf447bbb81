package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Numbering on the publishing side of the cluster log, and the position fields of the bus message format. */
class BusLogTest {

    @Test
    void cseqCountsPerChannelAndSidNeverMovesBackEvenWhenTheClockDoes() {
        BusLog log = new BusLog("p", "node-a", 100, Duration.ofSeconds(60));
        BusLog.Position first = log.next("p:room:r", 1_000);
        BusLog.Position second = log.next("p:room:r", 1_000);
        BusLog.Position other = log.next("p:room:s", 999);
        BusLog.Position later = log.next("p:room:r", 1_005);
        assertEquals(1, first.cseq());
        assertEquals(2, second.cseq());
        assertEquals(1, other.cseq());
        assertEquals(3, later.cseq());
        assertEquals(new StreamId(1_000, 0), first.sid());
        assertEquals(new StreamId(1_000, 1), second.sid());
        assertEquals(new StreamId(1_000, 2), other.sid(), "a clock step back keeps the id increasing");
        assertEquals(new StreamId(1_005, 0), later.sid());
    }

    @Test
    void aChannelIdleForTheTtlStartsAgainAtOne() {
        BusLog log = new BusLog("p", "node-a", 100, Duration.ofMillis(50));
        log.next("p:room:r", 1_000);
        log.next("p:room:r", 1_010);
        assertEquals(3, log.next("p:room:r", 1_050).cseq());
        log.next("p:room:s", 1_200);
        assertEquals(1, log.next("p:room:r", 1_201).cseq(), "forgotten after 150 ms idle");
    }

    @Test
    void positionsRoundTripAndMessagesWithoutOneStayUnlogged() {
        ClusterMessage message = new ClusterMessage("node-a", ClusterChannel.room("r"), "m", "{\"x\":1}", Set.of("c1"));
        String text = BusCodec.withPosition(BusCodec.encode(message), 7, new StreamId(1_796_000_000_000L, 3));
        BusCodec.Received received = BusCodec.decodeReceived(text);
        assertEquals(message, received.message());
        assertEquals(7, received.cseq());
        assertEquals(new StreamId(1_796_000_000_000L, 3), received.sid());
        assertTrue(received.logged());

        BusCodec.Received plain = BusCodec.decodeReceived(BusCodec.encode(message));
        assertFalse(plain.logged());
        assertNull(plain.sid());
        assertThrows(IllegalArgumentException.class, () -> BusCodec.decodeReceived(
                BusCodec.withPosition(BusCodec.encode(message), 1, new StreamId(1, 0)).replace("1-0", "x")));
    }

    @Test
    void streamIdsParseCompareAndBoundRanges() {
        assertEquals(new StreamId(12, 3), StreamId.parse("12-3"));
        assertTrue(new StreamId(12, 3).compareTo(new StreamId(12, 4)) < 0);
        assertTrue(new StreamId(13, 0).compareTo(new StreamId(12, 9)) > 0);
        assertEquals("(12-3", new StreamId(12, 3).exclusive());
        assertEquals(new StreamId(0, 0), StreamId.atMillis(-5));
        assertThrows(IllegalArgumentException.class, () -> StreamId.parse("12"));
    }
}
