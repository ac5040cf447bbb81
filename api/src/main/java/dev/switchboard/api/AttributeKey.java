package dev.switchboard.api;

import java.util.Objects;

/**
 * The typed name of one piece of application data attached to a {@link Client}
 * ({@link Client#attribute(AttributeKey)}), like Harpia's {@code ws.data} but typed and shared
 * safely between threads. Keys compare by identity: declare each once, as a constant.
 *
 * <pre>{@code
 * static final AttributeKey<Cart> CART = AttributeKey.of("cart", Cart.class);
 * client.attribute(CART, new Cart());          // in onConnected
 * Cart cart = ctx.client().attribute(CART);    // in a method handler, on any node's relay too
 * }</pre>
 *
 * @param <T> the value's type
 */
public final class AttributeKey<T> {

    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A new key; two calls with the same name make two different keys. */
    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    public String name() {
        return name;
    }

    /** Checks a value against the key's type. @throws ClassCastException for a value of another type */
    public T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "AttributeKey[" + name + ": " + type.getSimpleName() + "]";
    }
}
