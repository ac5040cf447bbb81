package dev.switchboard.core.internal.rpc;

import dev.switchboard.api.Interceptor;
import dev.switchboard.api.MethodHandler;
import dev.switchboard.api.Methods;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * RPC methods by name and the interceptors run before them. Registration may happen at any time
 * from any thread (concurrent map, copy-on-write list).
 */
public final class MethodRegistry implements Methods {

    /** A registered method; {@code timeout} null means the hub's default. */
    record Registration(MethodHandler handler, Duration timeout) {
    }

    private final ConcurrentHashMap<String, Registration> methods = new ConcurrentHashMap<>();
    private final List<Interceptor> interceptors = new CopyOnWriteArrayList<>();

    @Override
    public Methods method(String name, MethodHandler handler) {
        register(name, handler, null);
        return this;
    }

    @Override
    public Methods method(String name, Duration timeout, MethodHandler handler) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout of method '" + name + "' must be positive");
        }
        register(name, handler, timeout);
        return this;
    }

    @Override
    public Methods namespace(String prefix) {
        requireName(prefix, "namespace");
        return new Prefixed(this, prefix + ":");
    }

    public void use(Interceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
    }

    Registration lookup(String name) {
        return methods.get(name);
    }

    List<Interceptor> interceptors() {
        return interceptors;
    }

    private void register(String name, MethodHandler handler, Duration timeout) {
        requireName(name, "method name");
        methods.put(name, new Registration(Objects.requireNonNull(handler, "handler"), timeout));
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    /** A namespace view; registers into the same registry. */
    private record Prefixed(MethodRegistry registry, String prefix) implements Methods {
        @Override
        public Methods method(String name, MethodHandler handler) {
            registry.method(prefix + name, handler);
            return this;
        }

        @Override
        public Methods method(String name, Duration timeout, MethodHandler handler) {
            registry.method(prefix + name, timeout, handler);
            return this;
        }

        @Override
        public Methods namespace(String nested) {
            return registry.namespace(prefix + nested);
        }
    }
}
