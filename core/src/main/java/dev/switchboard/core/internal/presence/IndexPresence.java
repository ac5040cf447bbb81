package dev.switchboard.core.internal.presence;

import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The presence of a hub that is alone (no cluster bus and no presence store configured): answered
 * from the node's own room index and connection registry, so an idle connection costs no second
 * copy of its memberships. Writes are ignored: the indexes already hold what they would record.
 *
 * <p>Stateless; the indexes are concurrent and their views weakly consistent.
 */
public final class IndexPresence implements PresenceStore {

    private final String serverId;
    private final ConnectionRegistry registry;
    private final Function<String, Set<Connection>> rooms;

    /** @param rooms a room's members in the room index (a live view) */
    public IndexPresence(String serverId, ConnectionRegistry registry, Function<String, Set<Connection>> rooms) {
        this.serverId = serverId;
        this.registry = registry;
        this.rooms = rooms;
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public void joined(String room, String clientId, String userId) {
    }

    @Override
    public void left(String room, String clientId) {
    }

    @Override
    public void online(String userId, String clientId) {
    }

    @Override
    public void offline(String userId, String clientId) {
    }

    @Override
    public List<Member> roomMembers(String room) {
        return rooms.apply(room).stream()
                .map(connection -> new Member(connection.id(), connection.userId(), serverId))
                .toList();
    }

    @Override
    public Map<String, String> clientsOf(String userId) {
        return registry.connectionsOf(userId).stream()
                .collect(Collectors.toUnmodifiableMap(Connection::id, connection -> serverId));
    }

    @Override
    public void close() {
    }
}
