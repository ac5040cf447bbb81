package dev.switchboard.api;

/**
 * Observes the life of connections. Any number may be installed; each callback is called once per
 * connection and event. Exceptions are logged and do not affect the connection.
 */
public interface ConnectionListener {

    /**
     * The client authenticated and joined its default rooms. Runs before the client is sent
     * {@code connected}; what it sends the client arrives right after {@code connected}.
     */
    default void onConnected(Client client) {
    }

    /**
     * The authenticated connection ended; called once, after {@link #onConnected}. The client is
     * already out of every index when this runs.
     */
    default void onDisconnected(Client client, int closeCode, String reason) {
    }

    /** The client's outbound queue was above its high-water mark and has now been written out. */
    default void onDrain(Client client) {
    }
}
