package dev.switchboard.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One addressable channel of the cluster bus: every node, a room, a user, a client, or one node.
 * Immutable.
 *
 * @param kind   what the target names
 * @param target the room name, user id, client id or server id; {@code null} for {@link Kind#BROADCAST}
 */
public record ClusterChannel(Kind kind, String target) {

    /** What a channel addresses; {@link #wireName()} is its spelling in channel names and messages. */
    public enum Kind {
        BROADCAST, ROOM, USER, CLIENT, NODE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind spelled {@code name} on the wire, or {@code null} when there is none. */
        public static Kind fromWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return kind;
                }
            }
            return null;
        }
    }

    private static final ClusterChannel BROADCAST = new ClusterChannel(Kind.BROADCAST, null);

    public ClusterChannel {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.BROADCAST ? target != null : target == null || target.isEmpty()) {
            throw new IllegalArgumentException(kind == Kind.BROADCAST
                    ? "the broadcast channel has no target" : kind.wireName() + " channel needs a non-empty target");
        }
    }

    public static ClusterChannel broadcast() {
        return BROADCAST;
    }

    public static ClusterChannel room(String room) {
        return new ClusterChannel(Kind.ROOM, room);
    }

    public static ClusterChannel user(String userId) {
        return new ClusterChannel(Kind.USER, userId);
    }

    public static ClusterChannel client(String clientId) {
        return new ClusterChannel(Kind.CLIENT, clientId);
    }

    /** The channel of one node, for direct node-to-node messages (session handover). */
    public static ClusterChannel node(String serverId) {
        return new ClusterChannel(Kind.NODE, serverId);
    }
}
