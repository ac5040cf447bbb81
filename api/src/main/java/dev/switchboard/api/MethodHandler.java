package dev.switchboard.api;

/**
 * Answers one RPC method. The handler may answer through the context ({@code ctx.success(..)},
 * {@code ctx.error(..)}) now or later, or return the answer:
 * <ul>
 *   <li>the context was answered when the handler returns: the return value is ignored;</li>
 *   <li>a {@link java.util.concurrent.CompletionStage}: its value (or failure) is the answer;</li>
 *   <li>any other non-null value: the success data;</li>
 *   <li>{@code null}: the handler answers later, before the method's timeout.</li>
 * </ul>
 * A thrown {@link RpcException} answers with its code; any other exception answers
 * {@link ErrorCodes#INTERNAL_ERROR} (logged on the server, never sent to the client).
 *
 * <pre>{@code hub.method("users:get", ctx -> ctx.success(users.find(ctx.payload(UserId.class))));}</pre>
 */
@FunctionalInterface
public interface MethodHandler {

    Object handle(RequestContext ctx) throws Exception;
}
