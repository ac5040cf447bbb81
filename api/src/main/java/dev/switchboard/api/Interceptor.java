package dev.switchboard.api;

/**
 * Runs before every method handler, in registration order: authorization, validation, logging.
 * To reject, throw {@link RpcException} (answered with its code) or answer the context; the
 * handler then does not run.
 */
@FunctionalInterface
public interface Interceptor {

    void intercept(RequestContext ctx) throws Exception;
}
