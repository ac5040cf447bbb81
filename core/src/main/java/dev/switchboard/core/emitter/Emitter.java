package dev.switchboard.core.emitter;

import dev.switchboard.api.BusStats;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.Messenger;
import dev.switchboard.core.cluster.RedisBus;
import dev.switchboard.core.cluster.RedisBusBuilder;
import dev.switchboard.core.internal.codec.JsonCodec;

import java.time.Duration;
import java.util.Collection;
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
 * emitter.sendToRoom("lobby", "moved", Map.of("x", 3), Set.of(senderClientId));
 * emitter.shutdown();
 * }</pre>
 *
 * Thread-safe; its only state is the bus it owns.
 */
public final class Emitter implements Messenger {

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

        /** Its cluster log: entries kept for nodes to catch up from, and how long after the last publish it expires. */
        public Builder log(int size, Duration ttl) {
            bus.log(size, ttl);
            return this;
        }

        public Emitter build() {
            return new Emitter(bus.build());
        }
    }

    private final ClusterBus bus;
    private final JsonCodec json = new JsonCodec();

    private Emitter(ClusterBus bus) {
        this.bus = bus;
    }

    /** A builder for the Redis at {@code redisUrl}: {@code redis://}, {@code rediss://} or {@code redis-cluster://}. */
    public static Builder builder(String redisUrl) {
        return new Builder(redisUrl);
    }

    /**
     * Publishes to every node; the ones holding a matching client deliver it. A message the outbox
     * cannot take (Redis unreachable for long, or the Emitter shut down) is dropped and counted in
     * {@link #stats()}.
     */
    @Override
    public void send(ClusterChannel target, String event, Object data, Collection<String> excludeClientIds) {
        if (target.kind() == ClusterChannel.Kind.NODE) {
            throw new IllegalArgumentException("a node channel is not a delivery target: " + target);
        }
        if (event == null || event.isEmpty()) {
            throw new IllegalArgumentException("event must be a non-empty string");
        }
        bus.publish(target, event, data == null ? null : json.toJson(data), excludeClientIds);
    }

    /** Publish counters (published, dropped, pending). */
    public BusStats stats() {
        return bus.stats();
    }

    /** Sends what is queued (waiting at most 5 s for Redis) and closes the connections. */
    public void shutdown() {
        try {
            bus.close(Duration.ofSeconds(5));
        } finally {
            try {
                json.close();
            } catch (Exception ignored) {
                // nothing left to release
            }
        }
    }
}
