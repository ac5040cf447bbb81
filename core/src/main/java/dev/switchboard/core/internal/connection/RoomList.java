package dev.switchboard.core.internal.connection;

import java.util.Arrays;
import java.util.Set;

/**
 * How a {@link Connection} stores the names of its rooms: up to {@value #MAX_ARRAY} in a plain
 * array (a client's own room, the default rooms and a few more: 16 bytes and four per name, where an
 * immutable set costs a set object and a table twice the size), more in an immutable set, so a
 * connection in thousands of rooms still finds one in constant time. Values are {@code Object}
 * ({@code String[]} or {@code Set<String>}), never changed once built; only these methods read them.
 * Stateless.
 */
final class RoomList {

    static final int MAX_ARRAY = 8;
    static final Object NONE = new String[0];

    private RoomList() {
    }

    /** The list with {@code room} added; the caller has checked that it is not in it. */
    static Object with(Object rooms, String room) {
        String[] names = names(rooms);
        String[] next = Arrays.copyOf(names, names.length + 1);
        next[names.length] = room;
        return of(next);
    }

    /** The list without {@code room}; the caller has checked that it is in it. */
    static Object without(Object rooms, String room) {
        String[] names = names(rooms);
        String[] rest = new String[Math.max(0, names.length - 1)];
        int kept = 0;
        for (String name : names) {
            if (!name.equals(room) && kept < rest.length) {
                rest[kept++] = name;
            }
        }
        return of(rest);
    }

    private static String[] names(Object rooms) {
        return rooms instanceof String[] array ? array : ((Set<?>) rooms).toArray(new String[0]);
    }

    private static Object of(String[] names) {
        return names.length <= MAX_ARRAY ? names : Set.of(names);
    }

    static boolean contains(Object rooms, String room) {
        if (rooms instanceof String[] names) {
            for (String name : names) {
                if (name.equals(room)) {
                    return true;
                }
            }
            return false;
        }
        return ((Set<?>) rooms).contains(room);
    }

    static int size(Object rooms) {
        return rooms instanceof String[] names ? names.length : ((Set<?>) rooms).size();
    }

    /** The rooms as an immutable set (a new small set for an array, the set itself otherwise). */
    @SuppressWarnings("unchecked")
    static Set<String> view(Object rooms) {
        return rooms instanceof String[] names ? Set.of(names) : (Set<String>) rooms;
    }
}
