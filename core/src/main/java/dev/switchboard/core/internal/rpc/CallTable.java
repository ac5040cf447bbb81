package dev.switchboard.core.internal.rpc;

import dev.switchboard.api.ClientState;
import dev.switchboard.core.internal.connection.Connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests in flight per connection, by request id, bounded per connection.
 *
 * <p>Concurrency: every change goes through {@code compute} on the connection's entry, so it is
 * atomic with respect to {@link #removeAll}; a connection that is already DISCONNECTED gets no new
 * entry, and a connection's inner map is dropped as soon as it is empty.
 */
final class CallTable<V> {

    enum Put { ADDED, DUPLICATE, FULL, CLOSED }

    private final ConcurrentHashMap<Connection, Map<String, V>> calls = new ConcurrentHashMap<>();
    private final int maxPerConnection;

    CallTable(int maxPerConnection) {
        this.maxPerConnection = maxPerConnection;
    }

    Put put(Connection connection, String id, V value) {
        Put[] outcome = {Put.ADDED};
        calls.compute(connection, (key, table) -> {
            if (connection.state() == ClientState.DISCONNECTED) {
                outcome[0] = Put.CLOSED;
                return table;
            }
            Map<String, V> current = table == null ? new ConcurrentHashMap<>() : table;
            if (current.containsKey(id)) {
                outcome[0] = Put.DUPLICATE;
            } else if (current.size() >= maxPerConnection) {
                outcome[0] = Put.FULL;
            } else {
                current.put(id, value);
            }
            return current.isEmpty() ? null : current;
        });
        return outcome[0];
    }

    V get(Connection connection, String id) {
        Map<String, V> table = calls.get(connection);
        return table == null ? null : table.get(id);
    }

    /** Removes the entry if it is still {@code value}. @return true if it was removed by this call */
    boolean remove(Connection connection, String id, V value) {
        boolean[] removed = {false};
        calls.computeIfPresent(connection, (key, table) -> {
            removed[0] = table.remove(id, value);
            return table.isEmpty() ? null : table;
        });
        return removed[0];
    }

    /** Removes and returns the entry for {@code id}, or null. */
    V remove(Connection connection, String id) {
        Object[] removed = {null};
        calls.computeIfPresent(connection, (key, table) -> {
            removed[0] = table.remove(id);
            return table.isEmpty() ? null : table;
        });
        @SuppressWarnings("unchecked")
        V value = (V) removed[0];
        return value;
    }

    /** Removes and returns every entry of the connection. */
    Map<String, V> removeAll(Connection connection) {
        Map<String, V> table = calls.remove(connection);
        return table == null ? Map.of() : table;
    }

    /** Entries of every connection: a moment's count, for operations (walks the connections). */
    int size() {
        int total = 0;
        for (Map<String, V> table : calls.values()) {
            total += table.size();
        }
        return total;
    }
}
