package dev.switchboard.core.internal.relay;

import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.core.internal.codec.JsonCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Resume on any node: a session stays on the node that holds it (its home) and is served through
 * the client's socket on whichever node it reconnected to, over the cluster bus. This receives the
 * messages of this node's own channel ({@link RelayMessages}) on a bus thread and hands them to
 * the two sides: {@link VisitorRelays} (sockets here, sessions elsewhere) and {@link HomeRelays}
 * (sessions here, sockets elsewhere); and it runs both sides' periodic and shutdown steps.
 *
 * <p>Owns the relay thread pool (daemon threads, created as needed, ended by {@link #shutdown}).
 */
public record NodeMessages(JsonCodec codec, VisitorRelays visitors, HomeRelays homes, ExecutorService pool)
        implements ClusterBus.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(NodeMessages.class);

    /** The pool relayed sockets' work and presence lookups run on (daemon threads, created as needed). */
    public static ExecutorService newPool() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A message on {@code node:<this serverId>}; malformed ones are logged and dropped. */
    public void receive(ClusterMessage message) {
        String from = message.origin();
        visitors.heard(from);
        try {
            switch (message.event()) {
                case RelayMessages.HANDOVER -> homes.handover(from, decode(message, RelayMessages.Handover.class));
                case RelayMessages.IN -> homes.inbound(from, decode(message, RelayMessages.Frame.class));
                case RelayMessages.CLOSED -> homes.closed(from, decode(message, RelayMessages.Close.class));
                case RelayMessages.REFUSED -> visitors.refused(from, decode(message, RelayMessages.Refused.class));
                case RelayMessages.OUT -> visitors.outbound(from, decode(message, RelayMessages.Frame.class));
                case RelayMessages.CLOSE -> visitors.close(from, decode(message, RelayMessages.Close.class));
                case RelayMessages.ALIVE -> {
                }
                default -> LOG.debug("Ignoring node message '{}' from {}", message.event(), from);
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropping a malformed '{}' node message from {}: {}", message.event(), from, e.getMessage());
        }
    }

    private <T> T decode(ClusterMessage message, Class<T> type) {
        T value = codec.fromJson(message.data(), type);
        if (value == null) {
            throw new IllegalArgumentException("no data");
        }
        return value;
    }

    /** Every heartbeat interval: tell visitor nodes this node lives, and close relays whose home fell silent. */
    public void sweep(long nowNanos) {
        homes.keepAlive();
        visitors.sweep(nowNanos);
    }

    /** Before the hub closes its connections: hands relayed sessions back to their homes, suspended. */
    public void shutdown() {
        visitors.shutdown();
    }

    /** After the hub closed its connections: stops the relay threads. */
    public void close(long waitMillis) {
        pool.shutdown();
        try {
            pool.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }
}
