package dev.switchboard.api;

/**
 * A snapshot of a {@link ClusterBus}'s counters since it started. Immutable.
 *
 * @param published   messages handed to the broker
 * @param dropped     messages refused because the outbox was full (or the bus closed)
 * @param pending     messages waiting in the outbox now (queued, or in the batch being sent or retried)
 * @param received    messages from other nodes passed to the receiver
 * @param reconnects  subscriber connections re-established after a failure
 * @param recovered   messages this node missed live and fetched from an origin's log
 * @param lost        messages this node missed and could no longer fetch (beyond the log's retention);
 *                    the sessions that should have had them were closed with {@link CloseCodes#MESSAGES_LOST}
 */
public record BusStats(long published, long dropped, long pending, long received, long reconnects, long recovered,
                       long lost) {

    /** Counters of a bus without a log (nothing recovered or lost). */
    public BusStats(long published, long dropped, long pending, long received, long reconnects) {
        this(published, dropped, pending, received, reconnects, 0, 0);
    }
}
