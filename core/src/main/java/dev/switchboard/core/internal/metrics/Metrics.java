package dev.switchboard.core.internal.metrics;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.limits.Limit;

/**
 * What the hub counts, called on the hot path: one call per inbound frame, one per fan-out (with
 * its recipient count), one per close, RPC call, resume and limit hit; none allocates. The
 * default, {@link #NONE}, counts nothing, so Micrometer is needed only when a registry is given
 * ({@link MetricsFactory}). Implementations are thread-safe.
 */
public interface Metrics {

    Metrics NONE = new Metrics() {
    };

    /** A client frame arrived (before any check). */
    default void messageIn(String text) {
    }

    /** An app message was queued for {@code recipients} clients, {@code frameBytes} each. */
    default void messagesOut(int recipients, int frameBytes) {
    }

    /** A message was dropped by a full outbound queue (policy DROP). */
    default void dropped() {
    }

    /** A connection ended with this close code. */
    default void closed(int code) {
    }

    /** A client's RPC call was answered: {@code ok} or its error code, after {@code nanos}. */
    default void rpcCall(String errorCode, long nanos) {
    }

    /** A resume was answered: {@code recovered} or the refusal's reason. */
    default void resume(String outcome) {
    }

    /** A limit was hit. */
    default void limit(Limit limit) {
    }

    /** Registers the gauges that read the hub's state (connections, users, rooms, RPC, cluster). */
    default void bind(Hub hub, ConnectionRegistry connections) {
    }
}
