package dev.switchboard.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cluster-wide presence: which clients are in which room and which users are online, each entry
 * tagged with the serverId of the node holding the connection (and, for room entries, the client's
 * user). A node keeps a lease alive while it runs; entries of a node whose lease expired (a crashed
 * node) are ignored by queries and removed lazily, so they disappear on their own.
 *
 * <p>Writes ({@code joined}, {@code left}, {@code online}, {@code offline}) never wait for the
 * store: they are applied in call order in the background. Queries read the store and may wait for
 * it; they are eventually consistent (another node's write shows once it reached the store). Thread-safe.
 */
public interface PresenceStore extends AutoCloseable {

    /** A live member of a room: its client, its user ({@code null} if the writer recorded none) and its node. */
    record Member(String clientId, String userId, String serverId) {
    }

    /** The node whose entries this store writes. */
    String serverId();

    /** A client of {@code userId} on this node joined {@code room}. */
    void joined(String room, String clientId, String userId);

    void left(String room, String clientId);

    void online(String userId, String clientId);

    void offline(String userId, String clientId);

    /** Live members of a room anywhere in the cluster, with their users and nodes, in no particular order. */
    List<Member> roomMembers(String room);

    /** Live members of a room anywhere in the cluster: client id to the serverId holding it. */
    default Map<String, String> members(String room) {
        return roomMembers(room).stream().collect(Collectors.toUnmodifiableMap(Member::clientId, Member::serverId));
    }

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
