package dev.switchboard.api;

import java.time.Duration;

/**
 * Where RPC methods are registered. Names are {@code namespace:action}; a {@link #namespace}
 * view prefixes the names it registers. Registering a name again replaces the handler.
 */
public interface Methods {

    /** Registers a method answered within the hub's default request timeout. */
    Methods method(String name, MethodHandler handler);

    /** Registers a method with its own timeout. */
    Methods method(String name, Duration timeout, MethodHandler handler);

    /** A view registering {@code prefix:name}. */
    Methods namespace(String prefix);
}
