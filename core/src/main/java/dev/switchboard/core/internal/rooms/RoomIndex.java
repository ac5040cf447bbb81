package dev.switchboard.core.internal.rooms;

import dev.switchboard.api.ClientState;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.Group;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room name → member connections. A room exists only while it has members.
 *
 * <p>Concurrency: a connection's memberships change only under that connection's monitor, and a
 * room's member set is created and removed inside {@code compute}; so a closing connection (state
 * never identified, or DISCONNECTED) is never added, and {@link #leaveAll} leaves nothing behind.
 * The {@link Observer} is called from inside those steps.
 */
public final class RoomIndex {

    /**
     * Told about membership: {@code opened}/{@code closed} inside the index's atomic step that creates
     * or removes the room (so calls for one room arrive in the index's order; they must be quick and
     * must not touch the index), {@code joined}/{@code left} under the member's monitor.
     */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        /** The room got its first member. */
        default void opened(String room) {
        }

        /** The room lost its last member. */
        default void closed(String room) {
        }

        default void joined(String room, Connection connection) {
        }

        default void left(String room, Connection connection) {
        }
    }

    /** Room name to its members, as {@link Group} stores them (a room of one is its connection). */
    private final ConcurrentHashMap<String, Object> rooms = new ConcurrentHashMap<>();
    private final Observer observer;

    public RoomIndex() {
        this(Observer.NONE);
    }

    public RoomIndex(Observer observer) {
        this.observer = observer;
    }

    /** @return true if the connection is authenticated, suspended or being admitted, was not in the room and now is */
    public boolean join(Connection connection, String room) {
        synchronized (connection) {
            ClientState state = connection.state();
            boolean identified = state == ClientState.AUTHENTICATED || state == ClientState.SUSPENDED
                    || state == ClientState.AUTHENTICATING && connection.userId() != null;
            if (!identified || connection.inRoom(room)) {
                return false;
            }
            Object group = rooms.compute(room, (name, set) -> {
                if (set == null) {
                    observer.opened(name);
                }
                return Group.with(set, name, connection);
            });
            connection.addRoom(Group.name(group, room)); // the index's instance of the name, shared by every member
            observer.joined(room, connection);
            return true;
        }
    }

    /** @return true if the connection was in the room */
    public boolean leave(Connection connection, String room) {
        synchronized (connection) {
            if (!connection.removeRoom(room)) {
                return false;
            }
            rooms.computeIfPresent(room, (name, set) -> {
                Object rest = Group.without(set, connection);
                if (rest == null) {
                    observer.closed(name);
                }
                return rest;
            });
            observer.left(room, connection);
            return true;
        }
    }

    public void leaveAll(Connection connection) {
        synchronized (connection) {
            for (String room : connection.rooms()) { // an immutable snapshot
                leave(connection, room);
            }
        }
    }

    /** Members of a room, empty if the room does not exist; read-only, a snapshot or a weakly consistent live view. */
    public Set<Connection> members(String room) {
        return Group.view(rooms.get(room));
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
