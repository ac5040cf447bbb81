package dev.switchboard.core.endpoint;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance of handshake values that thousands of connections repeat (the request path,
 * {@code Host}, {@code User-Agent}, {@code Origin}, the subprotocol offer, the {@code Content-Length: 0}
 * some clients send with the upgrade, the remote address): each connection keeps its
 * handshake for its whole life, so 10,000 clients of one app would otherwise hold 10,000 copies of
 * the same few strings and their lists. Only the headers named here are shared, never one that
 * carries a secret or a per-client value (cookies, authorization, the WebSocket key). Each table stops
 * growing at {@value #MAX_ENTRIES} values; later new values are kept as they come.
 *
 * <p>Thread-safe: a concurrent map; two threads sharing a new value at once may briefly keep two copies.
 */
final class SharedValues {

    static final int MAX_ENTRIES = 4096;

    /** Headers whose values repeat across clients and are safe to keep once for all of them. */
    static final Set<String> SHARED_HEADERS = Set.of("host", "user-agent", "origin", "sec-websocket-protocol",
            "accept-encoding", "accept-language", "cache-control", "pragma", "content-length");

    private static final ConcurrentHashMap<String, List<String>> LISTS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, String> STRINGS = new ConcurrentHashMap<>();
    /** Remote addresses, apart: behind a proxy every connection has the proxy's, and a node open to the internet has many. */
    private static final ConcurrentHashMap<String, String> ADDRESSES = new ConcurrentHashMap<>();

    private SharedValues() {
    }

    /** A header's values as the handshake keeps them: one shared list per distinct value of a header named above. */
    static List<String> header(String lowerCaseName, List<String> values) {
        if (values.isEmpty() || !SHARED_HEADERS.contains(lowerCaseName)) {
            return List.copyOf(values);
        }
        // the key of a list of several values (a subprotocol offer may come split) joins them by a newline,
        // which no header value holds
        String value = values.size() == 1 ? values.get(0) : String.join("\n", values);
        List<String> shared = LISTS.get(value);
        if (shared != null) {
            return shared;
        }
        List<String> own = List.copyOf(values);
        if (LISTS.size() >= MAX_ENTRIES) {
            return own;
        }
        List<String> raced = LISTS.putIfAbsent(value, own);
        return raced != null ? raced : own;
    }

    /** The shared instance of a string that repeats across connections (a request path). */
    static String string(String value) {
        return share(STRINGS, value);
    }

    /** The shared instance of a remote address (its own table, so many distinct addresses do not crowd out paths). */
    static String address(String value) {
        return share(ADDRESSES, value);
    }

    private static String share(ConcurrentHashMap<String, String> table, String value) {
        if (value == null) {
            return null;
        }
        String shared = table.get(value);
        if (shared != null) {
            return shared;
        }
        if (table.size() >= MAX_ENTRIES) {
            return value;
        }
        String raced = table.putIfAbsent(value, value);
        return raced != null ? raced : value;
    }
}
