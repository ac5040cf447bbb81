package dev.switchboard.core.internal.delivery;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.Envelope;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.connection.Flusher;
import dev.switchboard.core.internal.metrics.Metrics;
import dev.switchboard.core.internal.rooms.RoomIndex;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * This node's half of the delivery seam: queues one already-encoded frame to every local
 * authenticated connection a target names (a client, a user's clients, a room's members, or
 * everyone), except the excluded ids. The same frame object goes to every recipient; a session
 * numbers its copy with its own {@code seq} (see {@link Connection#deliver}).
 *
 * <p>A fan-out to more than one connection only queues the frame to each and leaves the writes to
 * this node's {@link Flusher} thread (one hand-off per fan-out), so frames that pile up for a busy
 * socket leave together;
 * {@code -Dswitchboard.fanout.flusher=false} writes from the fan-out's thread instead.
 *
 * <p>Stateless apart from the indexes it reads and its flusher; safe from any thread, never blocks.
 */
public final class LocalDelivery implements AutoCloseable {

    private static final boolean USE_FLUSHER = !"false".equals(System.getProperty("switchboard.fanout.flusher"));

    private final JsonCodec codec;
    private final ConnectionRegistry registry;
    private final RoomIndex rooms;
    private final Metrics metrics;
    private final Flusher flusher = USE_FLUSHER ? new Flusher("switchboard-flusher") : null;

    public LocalDelivery(JsonCodec codec, ConnectionRegistry registry, RoomIndex rooms) {
        this(codec, registry, rooms, Metrics.NONE);
    }

    /** With {@code metrics} counting each fan-out once, with its recipient count. */
    public LocalDelivery(JsonCodec codec, ConnectionRegistry registry, RoomIndex rooms, Metrics metrics) {
        this.codec = codec;
        this.registry = registry;
        this.rooms = rooms;
        this.metrics = metrics;
    }

    /** Encodes a protocol or app envelope once. */
    public OutboundFrame frame(Envelope envelope) {
        return codec.frame(envelope);
    }

    /** Encodes an app event once. @throws IllegalArgumentException for a null or empty event */
    public OutboundFrame frame(String event, Object data) {
        return frame(Envelope.of(requireEvent(event), data));
    }

    /**
     * Queues {@code frame} to the local connections {@code target} names, skipping {@code exclude}.
     *
     * @return how many connections accepted it
     * @throws IllegalArgumentException for a node channel (not a delivery target)
     */
    public int deliver(ClusterChannel target, OutboundFrame frame, Collection<String> exclude) {
        Set<String> skip = asSet(exclude);
        int delivered = switch (target.kind()) {
            case CLIENT -> toEach(clientList(target.target()), frame, skip);
            case USER -> toEach(registry.connectionsOf(target.target()), frame, skip);
            case ROOM -> toEach(rooms.members(target.target()), frame, skip);
            case BROADCAST -> toEach(registry.all(), frame, skip);
            case NODE -> throw new IllegalArgumentException("a node channel is not a delivery target: " + target);
        };
        metrics.messagesOut(delivered, frame.bytes());
        return delivered;
    }

    /**
     * The local connections {@code target} reaches that hold a session (authenticated or suspended):
     * those a message lost on that channel was for.
     */
    public List<Connection> sessionsOf(ClusterChannel target) {
        Collection<Connection> all = switch (target.kind()) {
            case CLIENT -> clientList(target.target());
            case USER -> registry.connectionsOf(target.target());
            case ROOM -> rooms.members(target.target());
            case BROADCAST -> registry.all();
            case NODE -> List.of();
        };
        return all.stream().filter(connection -> connection.state() == ClientState.AUTHENTICATED
                || connection.state() == ClientState.SUSPENDED).toList();
    }

    /** Whether a client id names a connection of this node. */
    public boolean isLocal(String clientId) {
        return registry.client(clientId) != null;
    }

    private Collection<Connection> clientList(String clientId) {
        Connection connection = registry.client(clientId);
        return connection == null ? List.of() : List.of(connection);
    }

    private int toEach(Collection<Connection> targets, OutboundFrame frame, Set<String> exclude) {
        int recipients = targets.size();
        Flusher.Batch batch = flusher != null && recipients > 1 ? new Flusher.Batch(recipients) : null;
        int delivered = 0;
        try {
            for (Connection connection : targets) {
                // the common case, nothing excluded, reads no recipient's id
                if ((exclude.isEmpty() || !exclude.contains(connection.id())) && connection.deliver(frame, batch)) {
                    delivered++;
                }
            }
        } finally {
            if (batch != null) {
                flusher.submit(batch); // even after a failure: a socket in the batch waits for this flush
            }
        }
        return delivered;
    }

    private static Set<String> asSet(Collection<String> exclude) {
        if (exclude == null || exclude.isEmpty()) {
            return Set.of();
        }
        return exclude instanceof Set<String> set ? set : Set.copyOf(exclude);
    }

    /** Stops the flusher, writing what it still holds. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.close();
        }
    }

    /** @throws IllegalArgumentException for a null or empty event name */
    public static String requireEvent(String event) {
        if (event == null || event.isEmpty()) {
            throw new IllegalArgumentException("event must be a non-empty string");
        }
        return event;
    }
}
