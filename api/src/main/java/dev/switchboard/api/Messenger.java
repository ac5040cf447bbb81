package dev.switchboard.api;

import java.util.Collection;
import java.util.Set;

/**
 * The delivery verbs, each named once, over one primitive: {@link #send(ClusterChannel, String,
 * Object, Collection)} to a target (a client, a user's clients, a room, everyone). The hub
 * implements it for the whole cluster (its own connections, then the other nodes through the
 * bus); the Emitter implements it from a process without connections (the nodes deliver).
 *
 * <p>Delivery contract: a call encodes the payload once, queues it for every matching
 * authenticated client (or for the bus) and returns without waiting for any socket or broker.
 * Per client, messages from one sender arrive in the order they were sent. A message for no
 * matching client is dropped silently.
 */
public interface Messenger {

    /**
     * Delivers {@code event} with {@code data} to every client {@code target} names, except the
     * excluded client ids.
     *
     * @throws IllegalArgumentException for a null or empty event, or a node channel as target
     */
    void send(ClusterChannel target, String event, Object data, Collection<String> excludeClientIds);

    default void sendToClient(String clientId, String event, Object data) {
        send(ClusterChannel.client(clientId), event, data, Set.of());
    }

    /** To every client of the user. */
    default void sendToUser(String userId, String event, Object data) {
        send(ClusterChannel.user(userId), event, data, Set.of());
    }

    /** To every client in the room, except the excluded client ids. */
    default void sendToRoom(String room, String event, Object data, Collection<String> excludeClientIds) {
        send(ClusterChannel.room(room), event, data, excludeClientIds);
    }

    default void sendToRoom(String room, String event, Object data) {
        sendToRoom(room, event, data, Set.of());
    }

    /** To every authenticated client, except the excluded client ids. */
    default void broadcast(String event, Object data, Collection<String> excludeClientIds) {
        send(ClusterChannel.broadcast(), event, data, excludeClientIds);
    }

    default void broadcast(String event, Object data) {
        broadcast(event, data, Set.of());
    }
}
