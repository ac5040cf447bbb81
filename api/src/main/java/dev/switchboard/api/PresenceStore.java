package dev.switchboard.api;

import java.util.Map;

/**
 * Cluster-wide presence: which clients are in which room and which users are online, each entry
 * tagged with the serverId of the node holding the connection. A node keeps a lease alive while it
 * runs; entries of a node whose lease expired (a crashed node) are ignored by queries and removed
 * lazily, so they disappear on their own.
 *
 * <p>Writes ({@code joined}, {@code left}, {@code online}, {@code offline}) never wait for the
 * store: they are applied in call order in the background. Queries read the store and may wait for
 * it. Thread-safe.
 */
public interface PresenceStore extends AutoCloseable {

    /** The node whose entries this store writes. */
    String serverId();

    void joined(String room, String clientId);

    void left(String room, String clientId);

    void online(String userId, String clientId);

    void offline(String userId, String clientId);

    /** Live members of a room anywhere in the cluster: client id to the serverId holding it. */
    Map<String, String> members(String room);

    /** Live clients of a user anywhere in the cluster: client id to serverId. */
    Map<String, String> clientsOf(String userId);

    /** Whether the user has at least one live client on any node. */
    default boolean isOnline(String userId) {
        return !clientsOf(userId).isEmpty();
    }

    /** Stops the lease and removes this node's entries. */
    @Override
    void close();
}
