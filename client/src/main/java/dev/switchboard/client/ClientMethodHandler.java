package dev.switchboard.client;

/**
 * Answers one method the server may call on this client. The return value is the answer: a
 * {@link java.util.concurrent.CompletionStage} answers with its outcome when it completes, any other
 * value (or {@code null}, sent without data) answers at once. Throwing
 * {@link dev.switchboard.api.RpcException} answers with its code and message; any other exception
 * answers {@code INTERNAL_ERROR} without its text, which stays in this client's log.
 *
 * <pre>{@code client.method("device:locate", request -> gps.currentFix());}</pre>
 */
@FunctionalInterface
public interface ClientMethodHandler {

    Object handle(ServerRequest request) throws Exception;
}
