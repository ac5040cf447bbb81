package dev.switchboard.client;

import java.lang.reflect.Type;

/**
 * A request the server sent to this client ({@code hub.request(clientId, method, ...)}), as seen by
 * the {@link ClientMethodHandler} answering it. Thread-safe.
 */
public interface ServerRequest {

    /** The server's id of this request. */
    String id();

    String method();

    /**
     * The request's data decoded with JSON-B.
     *
     * @throws dev.switchboard.api.RpcException with {@code INVALID_MESSAGE_FORMAT} when it does not fit;
     *         thrown from the handler, the server receives that code
     */
    <T> T payload(Class<T> type);

    /** As {@link #payload(Class)}, for generic types. */
    <T> T payload(Type type);

    /** The data as JSON. */
    Payload data();

    /** True once the server gave up on the request (its timeout) or the connection ended. */
    boolean isCancelled();

    /** Runs {@code action} when the request is cancelled (at once if it already was). */
    void onCancel(Runnable action);
}
