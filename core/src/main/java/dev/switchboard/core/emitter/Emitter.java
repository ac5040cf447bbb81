package dev.switchboard.core.emitter;

import dev.switchboard.api.BusStats;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.core.cluster.RedisBus;
import dev.switchboard.core.cluster.RedisBusBuilder;
import dev.switchboard.core.internal.codec.JsonCodec;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Sends to WebSocket clients of a Switchboard cluster from any Java process — a worker, a batch job,
 * another service — through Redis alone: no WebSocket container, no hub. It publishes the same
 * messages the nodes exchange, with its own unique origin, so every node holding a matching client
 * delivers them. Calls never wait for Redis (the bus outbox absorbs outages); {@link #shutdown()}
 * flushes what is queued.
 *
 * <pre>{@code
 * Emitter emitter = Emitter.builder("redis://localhost:6379").prefix("switchboard").build();
 * emitter.toRoom("lobby", "moved", Map.of("x", 3), Set.of(senderClientId));
 * emitter.shutdown();
 * }</pre>
 *
 * Thread-safe; its only state is the bus it owns.
 */
public final class Emitter {

    /** Builder for an {@link Emitter}; not thread-safe. */
    public static final class Builder {
        private final RedisBusBuilder bus;

        private Builder(String redisUrl) {
            this.bus = RedisBus.builder(redisUrl).serverId("emitter-" + UUID.randomUUID());
        }

        /** The channel prefix of the cluster to reach (default {@code switchboard}). */
        public Builder prefix(String prefix) {
            bus.prefix(prefix);
            return this;
        }

        /** Messages kept while Redis is unreachable (default 10 000); more are dropped. */
        public Builder outboxCapacity(int messages) {
            bus.outboxCapacity(messages);
            return this;
        }

        public Emitter build() {
            return new Emitter(bus.build());
        }
    }

    private final RedisBus bus;
    private final JsonCodec json = new JsonCodec();

    private Emitter(RedisBus bus) {
        this.bus = bus;
    }

    /** A builder for the Redis at {@code redisUrl}: {@code redis://}, {@code rediss://} or {@code redis-cluster://}. */
    public static Builder builder(String redisUrl) {
        return new Builder(redisUrl);
    }

    /** To one client, on whichever node holds it. Returns {@code false} when the message was dropped. */
    public boolean toClient(String clientId, String event, Object data) {
        return emit(ClusterChannel.client(clientId), event, data, Set.of());
    }

    /** To every client of a user, on every node. */
    public boolean toUser(String userId, String event, Object data) {
        return emit(ClusterChannel.user(userId), event, data, Set.of());
    }

    /** To every client in a room except the excluded client ids. */
    public boolean toRoom(String room, String event, Object data, Collection<String> excludeClientIds) {
        return emit(ClusterChannel.room(room), event, data, excludeClientIds);
    }

    public boolean toRoom(String room, String event, Object data) {
        return toRoom(room, event, data, Set.of());
    }

    /** To every authenticated client of the cluster except the excluded client ids. */
    public boolean broadcast(String event, Object data, Collection<String> excludeClientIds) {
        return emit(ClusterChannel.broadcast(), event, data, excludeClientIds);
    }

    public boolean broadcast(String event, Object data) {
        return broadcast(event, data, Set.of());
    }

    /** Publish counters (published, dropped, pending). */
    public BusStats stats() {
        return bus.stats();
    }

    /** Sends what is queued (waiting at most 5 s for Redis) and closes the connections. */
    public void shutdown() {
        try {
            bus.flush(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            bus.close();
            try {
                json.close();
            } catch (Exception ignored) {
                // nothing left to release
            }
        }
    }

    private boolean emit(ClusterChannel channel, String event, Object data, Collection<String> exclude) {
        return bus.publish(channel, event, data == null ? null : json.toJson(data), exclude);
    }
}
