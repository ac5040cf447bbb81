package dev.switchboard.api;

import java.util.Collection;

/**
 * Carries delivery between the nodes of a cluster. A node publishes what its own connections
 * cannot satisfy and receives what other nodes (or an Emitter) published on the channels it is
 * subscribed to. Implementations: an in-memory bus (one JVM) and a Redis bus in {@code switchboard-core}.
 *
 * <p>Contract:
 * <ul>
 *   <li>Every bus has a unique {@link #serverId()}. A message carries its origin and a bus never hands
 *       its own messages to its receiver.</li>
 *   <li>A node receives only the channels it subscribed to, plus {@code node:<serverId>}, which the bus
 *       subscribes on {@link #start}. Subscriptions are reference counted: the hub calls
 *       {@link #subscribe} when the first local member of a room (client of a user, ...) appears and
 *       {@link #unsubscribe} when the last one leaves; extra calls are cheap and the bus batches the
 *       broker commands.</li>
 *   <li>{@link #publish} never blocks for long: it queues the message and returns. Each subscribed node
 *       gets a message once. Messages from one publisher arrive in publication order — on a single
 *       broker across all channels, on a sharded broker (Redis Cluster) per channel. When the broker is
 *       unreachable they wait in a bounded outbox and go out in order once it returns; past the bound
 *       they are dropped and counted in {@link #stats()}. A batch cut off by a connection failure is
 *       sent again, so a message in flight at that moment may arrive twice. A node that is itself
 *       disconnected misses what is published meanwhile (pub/sub keeps no history).</li>
 *   <li>The receiver is called on the bus's own threads, never on the publisher's unless the
 *       implementation says so: the Redis bus calls it from one subscriber thread per connection
 *       (one for a single server, one per master of a Redis Cluster), each handing over its
 *       messages one at a time in arrival order; the in-memory bus calls it synchronously on the
 *       publishing thread. So calls may be concurrent (across shards or publishers), but the
 *       messages of one channel arrive in order on one thread. The receiver must not block: it
 *       hands each message on (queues it to connections) and returns; a receiver that blocks
 *       stalls every delivery through that thread.</li>
 * </ul>
 * Thread-safe: every method may be called from any thread.
 */
public interface ClusterBus extends AutoCloseable {

    /** Called for each message another node published on a channel this node is subscribed to. */
    @FunctionalInterface
    interface Receiver {
        void receive(ClusterMessage message);
    }

    /** This node's unique id, the {@code origin} of everything it publishes. */
    String serverId();

    /** Connects (in the background), subscribes this node's own channel, and starts calling the receiver. */
    void start(Receiver receiver);

    /** Adds one reference to a channel; the first reference subscribes it. */
    void subscribe(ClusterChannel channel);

    /** Removes one reference; the last one unsubscribes the channel. Extra calls are ignored. */
    void unsubscribe(ClusterChannel channel);

    /**
     * Queues a message for every other node subscribed to the channel.
     *
     * @param data    the payload as JSON text ({@code null} means JSON null)
     * @param exclude client ids that must not receive it; may be empty or {@code null}
     * @return {@code false} when the message was dropped (outbox full or bus closed)
     */
    boolean publish(ClusterChannel channel, String event, String data, Collection<String> exclude);

    /** The counters so far. */
    BusStats stats();

    /**
     * Whether the bus reaches its broker now (for readiness checks). A bus without a broker, like
     * the in-memory one, is always connected.
     */
    default boolean isConnected() {
        return true;
    }

    /** Stops the threads and closes the connections; messages still in the outbox are dropped and counted. */
    @Override
    void close();

    /**
     * Sends what the outbox holds, waiting at most {@code flush} for the broker, then {@link #close()}s.
     * Buses without an outbox (the default) just close.
     */
    default void close(java.time.Duration flush) {
        close();
    }
}
