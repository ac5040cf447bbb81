package dev.switchboard.core.internal.rpc;

import dev.switchboard.api.ClientState;
import dev.switchboard.core.internal.connection.Connection;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests in flight per connection, by request id, bounded per connection.
 *
 * <p>A connection gets its {@link Calls} with its first call and keeps them until {@link #removeAll}
 * (when it ends), so a request costs a lock-free lookup and an uncontended lock, not a map entry
 * made and dropped. One call in flight (a client awaiting each answer, the common case) is held in
 * two fields; a map is made only for a second one at once.
 *
 * <p>Concurrency: each connection's calls are guarded by their own monitor. {@link #removeAll}
 * takes them out of the table, then closes them under that monitor, and a connection that is
 * already DISCONNECTED gets no new {@code Calls}: so no call is added after its connection's calls
 * were taken.
 */
final class CallTable<V> {

    enum Put { ADDED, DUPLICATE, FULL, CLOSED }

    private final ConcurrentHashMap<Connection, Calls<V>> calls = new ConcurrentHashMap<>();
    private final int maxPerConnection;

    CallTable(int maxPerConnection) {
        this.maxPerConnection = maxPerConnection;
    }

    Put put(Connection connection, String id, V value) {
        if (connection.state() == ClientState.DISCONNECTED) {
            return Put.CLOSED;
        }
        Calls<V> mine = calls.get(connection);
        if (mine == null) {
            mine = calls.computeIfAbsent(connection,
                    key -> connection.state() == ClientState.DISCONNECTED ? null : new Calls<>());
            if (mine == null) {
                return Put.CLOSED;
            }
        }
        return mine.put(id, value, maxPerConnection);
    }

    V get(Connection connection, String id) {
        Calls<V> mine = calls.get(connection);
        return mine == null ? null : mine.get(id);
    }

    /** Removes the entry if it is still {@code value}. @return true if it was removed by this call */
    boolean remove(Connection connection, String id, V value) {
        Calls<V> mine = calls.get(connection);
        return mine != null && mine.remove(id, value) != null;
    }

    /** Removes and returns the entry for {@code id}, or null. */
    V remove(Connection connection, String id) {
        Calls<V> mine = calls.get(connection);
        return mine == null ? null : mine.remove(id, null);
    }

    /** Removes and returns every entry of the connection; it gets no new one. */
    Map<String, V> removeAll(Connection connection) {
        Calls<V> mine = calls.remove(connection);
        return mine == null ? Map.of() : mine.close();
    }

    /** Entries of every connection: a moment's count, for operations (walks the connections). */
    int size() {
        int total = 0;
        for (Calls<V> each : calls.values()) {
            total += each.size();
        }
        return total;
    }

    /** One connection's calls: one in {@code id}/{@code value}, more in {@code more}. Guarded by its monitor. */
    private static final class Calls<V> {
        private String id;
        private V value;
        private Map<String, V> more;
        private boolean closed;

        synchronized Put put(String newId, V newValue, int max) {
            if (closed) {
                return Put.CLOSED;
            }
            if (more != null) {
                if (more.containsKey(newId)) {
                    return Put.DUPLICATE;
                }
                if (more.size() >= max) {
                    return Put.FULL;
                }
                more.put(newId, newValue);
                return Put.ADDED;
            }
            if (id == null) {
                if (max < 1) {
                    return Put.FULL;
                }
                id = newId;
                value = newValue;
                return Put.ADDED;
            }
            if (id.equals(newId)) {
                return Put.DUPLICATE;
            }
            if (max < 2) {
                return Put.FULL;
            }
            more = new HashMap<>();
            more.put(id, value);
            more.put(newId, newValue);
            id = null;
            value = null;
            return Put.ADDED;
        }

        synchronized V get(String wanted) {
            return more != null ? more.get(wanted) : wanted.equals(id) ? value : null;
        }

        /** Removes {@code wanted} if present (and still {@code expected}, when given); the value removed or null. */
        synchronized V remove(String wanted, V expected) {
            if (more != null) {
                V current = more.get(wanted);
                if (current == null || expected != null && !expected.equals(current)) {
                    return null;
                }
                more.remove(wanted);
                if (more.isEmpty()) {
                    more = null;
                }
                return current;
            }
            if (!wanted.equals(id) || expected != null && !expected.equals(value)) {
                return null;
            }
            V removed = value;
            id = null;
            value = null;
            return removed;
        }

        synchronized Map<String, V> close() {
            closed = true;
            Map<String, V> all = more != null ? more : id != null ? Map.of(id, value) : Map.of();
            id = null;
            value = null;
            more = null;
            return all;
        }

        synchronized int size() {
            return more != null ? more.size() : id != null ? 1 : 0;
        }
    }
}
