package dev.switchboard.core.endpoint;

import dev.switchboard.core.hub.Hub;

/**
 * The hub used by endpoints that the container instantiates on its own (annotated endpoints in a
 * WAR). Install one at startup, or let the first connection build one whose hooks all come from
 * {@link java.util.ServiceLoader}. Guarded by the class monitor; reads are volatile.
 */
public final class Hubs {

    private static volatile Hub current;

    private Hubs() {
    }

    /** Makes {@code hub} the one container-created endpoints use. */
    public static synchronized void install(Hub hub) {
        current = hub;
    }

    /** The installed hub, or one built from ServiceLoader-discovered hooks on first use. */
    public static Hub current() {
        Hub hub = current;
        if (hub != null) {
            return hub;
        }
        synchronized (Hubs.class) {
            if (current == null) {
                current = Hub.builder().build();
            }
            return current;
        }
    }

    /** Shuts the current hub down and forgets it. */
    public static synchronized void shutdown() {
        if (current != null) {
            current.shutdown();
            current = null;
        }
    }
}
