package dev.switchboard.core.internal.rpc;

import dev.switchboard.api.ClientState;
import dev.switchboard.core.internal.connection.Connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests in flight per connection, by request id, bounded per connection.
 *
 * <p>A connection with one call in flight (a client awaiting each answer, the common case) holds it
 * as a single {@link Only} entry; a second call turns the entry into a map of the connection's own,
 * so a request costs no map of its own to make and drop.
 *
 * <p>Concurrency: every change goes through {@code compute} on the connection's entry, so it is
 * atomic with respect to {@link #removeAll}; the inner maps are changed only there and read
 * concurrently. A connection that is already DISCONNECTED gets no new entry, and a connection's
 * entry is dropped as soon as it holds no call.
 */
final class CallTable<V> {

    enum Put { ADDED, DUPLICATE, FULL, CLOSED }

    /** A connection's only call. */
    private record Only<V>(String id, V value) {
    }

    /** Per connection: an {@link Only}, or a {@code ConcurrentHashMap<String, V>} once it had two calls at once. */
    private final ConcurrentHashMap<Connection, Object> calls = new ConcurrentHashMap<>();
    private final int maxPerConnection;

    CallTable(int maxPerConnection) {
        this.maxPerConnection = maxPerConnection;
    }

    Put put(Connection connection, String id, V value) {
        Put[] outcome = {Put.ADDED};
        calls.compute(connection, (key, held) -> {
            if (connection.state() == ClientState.DISCONNECTED) {
                outcome[0] = Put.CLOSED;
                return held;
            }
            if (held == null) {
                if (maxPerConnection < 1) {
                    outcome[0] = Put.FULL;
                    return null;
                }
                return new Only<>(id, value);
            }
            if (held instanceof Only<?> only) {
                if (only.id().equals(id)) {
                    outcome[0] = Put.DUPLICATE;
                    return held;
                }
                if (maxPerConnection < 2) {
                    outcome[0] = Put.FULL;
                    return held;
                }
                Map<String, Object> both = new ConcurrentHashMap<>();
                both.put(only.id(), only.value());
                both.put(id, value);
                return both;
            }
            Map<String, V> table = map(held);
            if (table.containsKey(id)) {
                outcome[0] = Put.DUPLICATE;
            } else if (table.size() >= maxPerConnection) {
                outcome[0] = Put.FULL;
            } else {
                table.put(id, value);
            }
            return held;
        });
        return outcome[0];
    }

    V get(Connection connection, String id) {
        Object held = calls.get(connection);
        if (held instanceof Only<?> only) {
            return only.id().equals(id) ? value(only) : null;
        }
        return held == null ? null : this.<V>map(held).get(id);
    }

    /** Removes the entry if it is still {@code value}. @return true if it was removed by this call */
    boolean remove(Connection connection, String id, V value) {
        boolean[] removed = {false};
        calls.computeIfPresent(connection, (key, held) -> {
            if (held instanceof Only<?> only) {
                removed[0] = only.id().equals(id) && only.value().equals(value);
                return removed[0] ? null : held;
            }
            Map<String, V> table = map(held);
            removed[0] = table.remove(id, value);
            return table.isEmpty() ? null : held;
        });
        return removed[0];
    }

    /** Removes and returns the entry for {@code id}, or null. */
    V remove(Connection connection, String id) {
        Object[] removed = {null};
        calls.computeIfPresent(connection, (key, held) -> {
            if (held instanceof Only<?> only) {
                if (!only.id().equals(id)) {
                    return held;
                }
                removed[0] = only.value();
                return null;
            }
            Map<String, V> table = map(held);
            removed[0] = table.remove(id);
            return table.isEmpty() ? null : held;
        });
        @SuppressWarnings("unchecked")
        V value = (V) removed[0];
        return value;
    }

    /** Removes and returns every entry of the connection. */
    Map<String, V> removeAll(Connection connection) {
        Object held = calls.remove(connection);
        if (held instanceof Only<?> only) {
            return Map.of(only.id(), value(only));
        }
        return held == null ? Map.of() : this.<V>map(held);
    }

    /** Entries of every connection: a moment's count, for operations (walks the connections). */
    int size() {
        int total = 0;
        for (Object held : calls.values()) {
            total += held instanceof Only<?> ? 1 : ((Map<?, ?>) held).size();
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private <T> Map<String, T> map(Object held) {
        return (Map<String, T>) held;
    }

    @SuppressWarnings("unchecked")
    private V value(Only<?> only) {
        return (V) only.value();
    }
}
