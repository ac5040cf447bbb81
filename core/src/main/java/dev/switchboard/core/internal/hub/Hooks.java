package dev.switchboard.core.internal.hub;

import dev.switchboard.api.Authenticator;
import dev.switchboard.api.ConnectionListener;
import dev.switchboard.api.MessageHandler;
import dev.switchboard.api.MethodProvider;
import dev.switchboard.api.RoomValidator;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The application hooks of one hub: those set on the builder, completed by {@link ServiceLoader}
 * discovery for the ones left unset. Immutable once built.
 */
public record Hooks(Authenticator<Object, Object> authenticator,
             Type credentialsType,
             RoomValidator roomValidator,
             MessageHandler messageHandler,
             List<ConnectionListener> listeners,
             List<MethodProvider> methodProviders) {

    public static Hooks resolve(Authenticator<?, ?> authenticator, Type credentialsType, RoomValidator roomValidator,
                         MessageHandler messageHandler, List<ConnectionListener> listeners,
                         List<MethodProvider> methodProviders, boolean discover, ClassLoader classLoader) {
        if (authenticator == null && discover) {
            authenticator = single(Authenticator.class, classLoader);
        }
        if (authenticator == null) {
            throw new IllegalStateException("No " + Authenticator.class.getName() + " configured: set one with "
                    + "Hub.builder().authenticator(...) or name an implementation in META-INF/services/"
                    + Authenticator.class.getName());
        }
        if (roomValidator == null && discover) {
            roomValidator = single(RoomValidator.class, classLoader);
        }
        if (messageHandler == null && discover) {
            messageHandler = single(MessageHandler.class, classLoader);
        }
        List<ConnectionListener> allListeners = new ArrayList<>(listeners);
        List<MethodProvider> allProviders = new ArrayList<>(methodProviders);
        if (discover) {
            ServiceLoader.load(ConnectionListener.class, classLoader).forEach(allListeners::add);
            ServiceLoader.load(MethodProvider.class, classLoader).forEach(allProviders::add);
        }
        if (credentialsType == null) {
            credentialsType = GenericTypes.typeArgument(authenticator.getClass(), Authenticator.class, 0);
        }
        if (credentialsType == null || credentialsType == Object.class) {
            credentialsType = Map.class;
        }
        @SuppressWarnings("unchecked")
        Authenticator<Object, Object> untyped = (Authenticator<Object, Object>) authenticator;
        return new Hooks(untyped, credentialsType, roomValidator, messageHandler, List.copyOf(allListeners),
                List.copyOf(allProviders));
    }

    /** The one implementation of {@code type} ServiceLoader finds, or null. @throws IllegalStateException for more than one */
    public static <T> T single(Class<T> type, ClassLoader classLoader) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type, classLoader).forEach(found::add);
        if (found.size() > 1) {
            throw new IllegalStateException("More than one " + type.getName() + " found by ServiceLoader: "
                    + found.stream().map(o -> o.getClass().getName()).toList()
                    + "; set the one to use on Hub.builder()");
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
