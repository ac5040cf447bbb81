package dev.switchboard.api;

/**
 * Registers a group of RPC methods; found with {@link java.util.ServiceLoader} when the hub is
 * built, so a WAR can list its methods in {@code META-INF/services/dev.switchboard.api.MethodProvider}.
 */
@FunctionalInterface
public interface MethodProvider {

    void register(Methods methods);
}
