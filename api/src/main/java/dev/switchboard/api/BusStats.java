package dev.switchboard.api;

/**
 * A snapshot of a {@link ClusterBus}'s counters since it started. Immutable.
 *
 * @param published   messages handed to the broker
 * @param dropped     messages refused because the outbox was full (or the bus closed)
 * @param pending     messages waiting in the outbox now
 * @param received    messages from other nodes passed to the receiver
 * @param reconnects  subscriber connections re-established after a failure
 */
public record BusStats(long published, long dropped, long pending, long received, long reconnects) {
}
