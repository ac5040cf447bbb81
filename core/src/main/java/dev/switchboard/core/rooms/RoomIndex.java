package dev.switchboard.core.rooms;

import dev.switchboard.api.ClientState;
import dev.switchboard.core.connection.Connection;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room name → member connections. A room exists only while it has members.
 *
 * <p>Concurrency: a connection's memberships change only under that connection's monitor, and a
 * room's member set is created and removed inside {@code compute}; so a closing connection (state
 * never identified, or DISCONNECTED) is never added, and {@link #leaveAll} leaves nothing behind.
 */
public final class RoomIndex {

    private final ConcurrentHashMap<String, Set<Connection>> rooms = new ConcurrentHashMap<>();

    /** @return true if the connection is authenticated, suspended or being admitted, was not in the room and now is */
    public boolean join(Connection connection, String room) {
        synchronized (connection) {
            ClientState state = connection.state();
            boolean identified = state == ClientState.AUTHENTICATED || state == ClientState.SUSPENDED
                    || state == ClientState.AUTHENTICATING && connection.userId() != null;
            if (!identified || !connection.roomSet().add(room)) {
                return false;
            }
            rooms.compute(room, (name, set) -> {
                Set<Connection> members = set == null ? ConcurrentHashMap.newKeySet() : set;
                members.add(connection);
                return members;
            });
            return true;
        }
    }

    /** @return true if the connection was in the room */
    public boolean leave(Connection connection, String room) {
        synchronized (connection) {
            if (!connection.roomSet().remove(room)) {
                return false;
            }
            rooms.computeIfPresent(room, (name, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
            return true;
        }
    }

    public void leaveAll(Connection connection) {
        synchronized (connection) {
            for (String room : List.copyOf(connection.roomSet())) {
                leave(connection, room);
            }
        }
    }

    /** Members of a room; a live, weakly consistent view, empty if the room does not exist. */
    public Set<Connection> members(String room) {
        Set<Connection> set = rooms.get(room);
        return set == null ? Set.of() : Collections.unmodifiableSet(set);
    }

    public int roomCount() {
        return rooms.size();
    }

    public Set<String> roomNames() {
        return Set.copyOf(rooms.keySet());
    }

    public void clear() {
        rooms.clear();
    }
}
