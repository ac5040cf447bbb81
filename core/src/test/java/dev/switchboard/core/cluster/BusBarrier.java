package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A barrier message on a Redis bus, to check that nothing (else) arrived instead of waiting a while.
 * First every given bus is flushed: Redis has then processed all they published. Then {@code from}
 * publishes a barrier on a channel the receiver is subscribed to. Redis hands messages to a
 * subscriber connection in the order it processed them, so everything published earlier by any of
 * the flushed buses reaches that connection before the barrier, on a single server whatever the
 * channel. On a Redis Cluster that holds per master only: the barrier channel must hash to the same
 * slot as the channels it stands behind (same channel, or a shared {@code {hash tag}}).
 * Stateless apart from the counter that makes barrier events unique.
 */
final class BusBarrier {

    private static final AtomicLong COUNT = new AtomicLong();

    private BusBarrier() {
    }

    /** Flushes {@code earlier} and {@code from}, publishes a barrier from {@code from} on {@code channel}, returns its event. */
    static String publish(RedisBus from, ClusterChannel channel, RedisBus... earlier) throws InterruptedException {
        for (RedisBus bus : earlier) {
            assertTrue(bus.flush(Inbox.WAIT.toMillis()), "bus " + bus.serverId() + " did not flush");
        }
        assertTrue(from.flush(Inbox.WAIT.toMillis()), "bus " + from.serverId() + " did not flush");
        String event = "barrier-" + COUNT.incrementAndGet();
        assertTrue(from.publish(channel, event, "0", null), "barrier refused");
        return event;
    }
}
