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
 *   <li>{@link #publish} never blocks for long: it queues the message and returns. When the broker is
 *       unreachable messages wait in a bounded outbox and go out in order once it returns; past the
 *       bound they are dropped and counted in {@link #stats()}.</li>
 *   <li>Delivery of room, user, client and broadcast messages (the Redis bus with its log on, the
 *       default): each node subscribed to a channel hands each message of an origin on that channel to
 *       its receiver <b>exactly once and in publication order</b> — a repeat (a batch sent again after
 *       a failed write) is dropped, and a message the node missed (it was cut off from Redis, its
 *       subscriber reconnected, or an origin's numbers jump) is fetched from the origin's log and
 *       handed over before any later message of that origin — <b>or</b> the receiver is told with
 *       {@link Receiver#lost} that messages on that channel are gone (beyond the log's retention by
 *       count and age, or dropped from a full outbox), and they are counted in {@link BusStats#lost()}.
 *       Order holds per (origin, channel); across one origin's channels too on a single broker, except
 *       around a loss. "Subscribed" starts when the broker confirms the subscription: a message
 *       published before that is not delivered (the first message seen after it is the baseline).
 *       Node messages ({@code node:<serverId>}) are not logged: at most once, in order, and their
 *       senders rely on timeouts. The in-memory bus delivers synchronously and loses nothing.</li>
 *   <li>The receiver is called on the bus's own threads, never on the publisher's unless the
 *       implementation says so: the Redis bus calls it from one subscriber thread per connection
 *       (one for a single server, one per master of a Redis Cluster), and from its catch-up worker
 *       (one per bus) for fetched messages and while an origin is being caught up; the in-memory bus
 *       calls it synchronously on the publishing thread. So calls may come from several threads, but
 *       the messages of one channel and origin arrive one at a time, in order. The receiver must not
 *       block: it hands each message on (queues it to connections) and returns; a receiver that
 *       blocks stalls every delivery through that thread.</li>
 * </ul>
 * Thread-safe: every method may be called from any thread.
 */
public interface ClusterBus extends AutoCloseable {

    /** Called for each message another node published on a channel this node is subscribed to. */
    @FunctionalInterface
    interface Receiver {
        void receive(ClusterMessage message);

        /**
         * Messages on {@code channel} that this node should have received are lost for good; later
         * messages on it are delivered again. The hub closes the local sessions the channel reaches
         * with {@link CloseCodes#MESSAGES_LOST}. Called on a bus thread, before any later message of
         * the channel's origin; must not block for long.
         */
        default void lost(ClusterChannel channel) {
        }
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
