package dev.switchboard.core.hub;

import dev.switchboard.api.Envelope;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.rooms.RoomIndex;

import java.util.Collection;
import java.util.Set;

/**
 * Local fan-out: encodes an envelope once and queues the same frame to every matching
 * authenticated connection. Stateless apart from the indexes it reads; safe from any thread.
 */
final class Delivery {

    private final JsonCodec codec;
    private final ConnectionRegistry registry;
    private final RoomIndex rooms;

    Delivery(JsonCodec codec, ConnectionRegistry registry, RoomIndex rooms) {
        this.codec = codec;
        this.registry = registry;
        this.rooms = rooms;
    }

    OutboundFrame frame(Envelope envelope) {
        return codec.frame(envelope);
    }

    OutboundFrame frame(String event, Object data) {
        return frame(Envelope.of(requireEvent(event), data));
    }

    int toClient(String clientId, OutboundFrame frame) {
        Connection connection = registry.client(clientId);
        return connection != null && connection.deliver(frame) ? 1 : 0;
    }

    int toUser(String userId, OutboundFrame frame) {
        return toEach(registry.connectionsOf(userId), frame, Set.of());
    }

    int toRoom(String room, OutboundFrame frame, Collection<String> exclude) {
        return toEach(rooms.members(room), frame, asSet(exclude));
    }

    int broadcast(OutboundFrame frame, Collection<String> exclude) {
        return toEach(registry.all(), frame, asSet(exclude));
    }

    private static int toEach(Collection<Connection> targets, OutboundFrame frame, Set<String> exclude) {
        int delivered = 0;
        for (Connection connection : targets) {
            if (!exclude.contains(connection.id()) && connection.deliver(frame)) {
                delivered++;
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

    static String requireEvent(String event) {
        if (event == null || event.isEmpty()) {
            throw new IllegalArgumentException("event must be a non-empty string");
        }
        return event;
    }
}
