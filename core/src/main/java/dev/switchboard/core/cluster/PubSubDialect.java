package dev.switchboard.core.cluster;

import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisShardedPubSub;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The two Redis pub/sub flavours a {@link PubSubLink} speaks: classic SUBSCRIBE (one server, any
 * channels per command) and sharded SSUBSCRIBE (Redis 7 Cluster: all channels of one command must
 * hash to one slot, so commands are grouped by slot). Stateless; sessions are owned by their link.
 */
enum PubSubDialect {

    PLAIN {
        @Override
        Set<String> firstBatch(Set<String> wanted) {
            return Set.copyOf(wanted);
        }

        @Override
        Session session(Callbacks callbacks) {
            return new Plain(callbacks);
        }
    },

    SHARDED {
        @Override
        Set<String> firstBatch(Set<String> wanted) {
            return Set.copyOf(bySlot(wanted).values().iterator().next());
        }

        @Override
        Session session(Callbacks callbacks) {
            return new Sharded(callbacks);
        }
    };

    /** The channels of the first command after connecting; the rest follow through {@link Session#subscribe}. */
    abstract Set<String> firstBatch(Set<String> wanted);

    abstract Session session(Callbacks callbacks);

    /** What a session reports, on the link's thread. */
    interface Callbacks {
        void message(String channel, String payload);

        void subscribed(Session session);

        void unsubscribed(String channel);
    }

    /** One subscribed connection: {@link #run} blocks reading; the others may be called from another thread. */
    interface Session {
        void run(Connection connection, Set<String> initial);

        void subscribe(Collection<String> channels);

        void unsubscribe(Collection<String> channels);

        /**
         * Asks the server for an answer on this connection by subscribing again to {@code channel},
         * which it already has (Redis confirms, delivery is unchanged); the answer comes as
         * {@link Callbacks#subscribed}. Not Jedis's PING: under RESP3 (Jedis's default) it queues its
         * reply handler only after sending, so a {@code +PONG} read first ends the connection
         * ("Unexpected message : PONG") and with it every message published until the resubscribe.
         * {@code false} where the flavour has no such probe.
         */
        boolean sendPing(String channel);
    }

    static Map<Integer, List<String>> bySlot(Collection<String> channels) {
        Map<Integer, List<String>> groups = new HashMap<>();
        for (String channel : channels) {
            groups.computeIfAbsent(JedisClusterCRC16.getSlot(channel), slot -> new java.util.ArrayList<>()).add(channel);
        }
        return groups;
    }

    /** One command for all the channels (a single server), none when there are none. */
    private static void together(Collection<String> channels, Consumer<String[]> command) {
        if (!channels.isEmpty()) {
            command.accept(channels.toArray(String[]::new));
        }
    }

    /** One command per hash slot (a Redis Cluster), none when there are none. */
    private static void perSlot(Collection<String> channels, Consumer<String[]> command) {
        if (!channels.isEmpty()) {
            bySlot(channels).values().forEach(group -> command.accept(group.toArray(String[]::new)));
        }
    }

    private static final class Plain extends JedisPubSub implements Session {
        private final Callbacks callbacks;

        Plain(Callbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public void run(Connection connection, Set<String> initial) {
            proceed(connection, initial.toArray(String[]::new));
        }

        @Override
        public void subscribe(Collection<String> channels) {
            together(channels, this::subscribe);
        }

        @Override
        public void unsubscribe(Collection<String> channels) {
            together(channels, this::unsubscribe);
        }

        /**
         * Probes with a SUBSCRIBE of a channel the connection already has: Redis confirms it in either
         * protocol and Jedis handles the confirmation inline (its {@code ping()} races its own reply
         * handler on RESP3, and on RESP2 leaves a handler queued per ping).
         */
        @Override
        public boolean sendPing(String channel) {
            subscribe(channel);
            return true;
        }

        @Override
        public void onMessage(String channel, String message) {
            callbacks.message(channel, message);
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            callbacks.subscribed(this);
        }
    }

    private static final class Sharded extends JedisShardedPubSub implements Session {
        private final Callbacks callbacks;

        Sharded(Callbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public void run(Connection connection, Set<String> initial) {
            proceed(connection, initial.toArray(String[]::new));
        }

        @Override
        public void subscribe(Collection<String> channels) {
            perSlot(channels, this::ssubscribe);
        }

        @Override
        public void unsubscribe(Collection<String> channels) {
            perSlot(channels, this::sunsubscribe);
        }

        /** Jedis's sharded subscriber has no PING; TCP keepalive and topology refreshes cover it. */
        @Override
        public boolean sendPing(String channel) {
            return false;
        }

        @Override
        public void onSMessage(String channel, String message) {
            callbacks.message(channel, message);
        }

        @Override
        public void onSSubscribe(String channel, int subscribedChannels) {
            callbacks.subscribed(this);
        }

        @Override
        public void onSUnsubscribe(String channel, int subscribedChannels) {
            callbacks.unsubscribed(channel);
        }
    }
}
