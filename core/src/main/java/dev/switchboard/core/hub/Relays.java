package dev.switchboard.core.hub;

import dev.switchboard.core.internal.codec.RelayMessages;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.connection.Link;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Resume on any node: a session stays on the node that holds it (its home) and is served through
 * the client's socket on whichever node it reconnected to, over the cluster bus. This is the hub's
 * one door to both sides: {@link ForwardedSockets} (sockets here, sessions elsewhere) and
 * {@link RemoteSockets} (sessions here, sockets elsewhere), and it decodes the messages of this
 * node's own channel ({@link RelayMessages}) for them on the bus's subscriber thread.
 *
 * <p>Owns the relay thread pool (daemon threads, created as needed, ended by {@link #shutdown}).
 */
final class Relays {

    private static final Logger LOG = LoggerFactory.getLogger(Relays.class);

    private final JsonCodec codec;
    private final ForwardedSockets forwarded;
    private final RemoteSockets remote;
    private final ExecutorService pool;

    Relays(JsonCodec codec, ForwardedSockets forwarded, RemoteSockets remote, ExecutorService pool) {
        this.codec = codec;
        this.forwarded = forwarded;
        this.remote = remote;
        this.pool = pool;
    }

    /** The pool relayed sockets' work runs on. */
    static ExecutorService newPool() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A message on {@code node:<this serverId>}; malformed ones are logged and dropped. */
    void receive(ClusterMessage message) {
        String from = message.origin();
        forwarded.heard(from);
        try {
            switch (message.event()) {
                case RelayMessages.HANDOVER -> remote.handover(from, decode(message, RelayMessages.Handover.class));
                case RelayMessages.IN -> remote.inbound(from, decode(message, RelayMessages.Frame.class));
                case RelayMessages.CLOSED -> remote.closed(from, decode(message, RelayMessages.Close.class));
                case RelayMessages.REFUSED -> forwarded.refused(from, decode(message, RelayMessages.Refused.class));
                case RelayMessages.OUT -> forwarded.outbound(from, decode(message, RelayMessages.Frame.class));
                case RelayMessages.CLOSE -> forwarded.close(from, decode(message, RelayMessages.Close.class));
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

    /** A text frame from a socket of this node: true when it was relayed to its session's home node. */
    boolean inbound(Link link, String text) {
        return forwarded.inbound(link, text);
    }

    /** A binary frame: true when the socket is a relay (answered with an error here). */
    boolean binary(Link link) {
        return forwarded.binary(link);
    }

    void socketClosed(Link link, int code, String reason) {
        forwarded.socketClosed(link, code, reason);
    }

    /** @return true when the socket was a relay (now closed, its session suspended at home) */
    boolean socketFailed(Link link) {
        return forwarded.socketFailed(link);
    }

    /** Every heartbeat interval: tell visitor nodes this node lives, and close relays whose home fell silent. */
    void sweep(long nowNanos) {
        remote.keepAlive();
        forwarded.sweep(nowNanos);
    }

    /** Before the hub closes its connections: hands relayed sessions back to their homes, suspended. */
    void shutdown() {
        forwarded.shutdown();
    }

    /** After the hub closed its connections: stops the relay threads. */
    void close(long waitMillis) {
        pool.shutdown();
        try {
            pool.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }
}
