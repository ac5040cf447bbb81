package dev.switchboard.api;

import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

/**
 * One RPC request from a client, and the means to answer it exactly once. Thread-safe: it may be
 * answered from any thread; only the first answer is sent, later ones are dropped and logged.
 */
public interface RequestContext {

    String requestId();

    String method();

    /** The calling client: its id, user, metadata and handshake (path parameters, headers). */
    Client client();

    /**
     * The request's data decoded with JSON-B.
     *
     * @throws RpcException with {@link ErrorCodes#INVALID_MESSAGE_FORMAT} when the data does not fit
     */
    <T> T payload(Class<T> type);

    /** As {@link #payload(Class)}, for generic types. */
    <T> T payload(Type type);

    /** The data as JSON text, or {@code null}. */
    String rawPayload();

    /** Answers with data. @return false if the request was already answered (the data is dropped) */
    boolean success(Object data);

    /** Answers with an error. @return false if the request was already answered */
    boolean error(String code, String message);

    /** Answers with the stage's outcome when it completes. */
    void answer(CompletionStage<?> result);

    /** Sends progress tied to this request; ignored once it is answered. */
    void notification(Object data);

    boolean isAnswered();

    /** True once the client cancelled the request or it timed out. */
    boolean isCancelled();

    /** Runs {@code action} when the request is cancelled or times out (at once if it already was). */
    void onCancel(Runnable action);
}
