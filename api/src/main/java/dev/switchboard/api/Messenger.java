package dev.switchboard.api;

import java.util.Collection;
import java.util.Set;

/**
 * The delivery verbs, each named once. The hub implements them for its connections; later the
 * cluster and the Emitter implement the same verbs across nodes.
 *
 * <p>Delivery contract: a call encodes the envelope once, queues it for every matching
 * authenticated client and returns without waiting for any socket. Per client, messages arrive in
 * the order they were queued. A message for no matching client is dropped silently.
 */
public interface Messenger {

    void sendToClient(String clientId, String event, Object data);

    /** To every client of the user. */
    void sendToUser(String userId, String event, Object data);

    /** To every client in the room, except the excluded client ids. */
    void sendToRoom(String room, String event, Object data, Collection<String> excludeClientIds);

    default void sendToRoom(String room, String event, Object data) {
        sendToRoom(room, event, data, Set.of());
    }

    /** To every authenticated client, except the excluded client ids. */
    void broadcast(String event, Object data, Collection<String> excludeClientIds);

    default void broadcast(String event, Object data) {
        broadcast(event, data, Set.of());
    }
}
