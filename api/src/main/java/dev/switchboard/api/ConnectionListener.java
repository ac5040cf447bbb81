package dev.switchboard.api;

/**
 * Observes the life of connections. Any number may be installed; each callback is called once per
 * connection and event. Exceptions are logged and do not affect the connection.
 */
public interface ConnectionListener {

    /** The client authenticated and joined its default rooms. */
    default void onConnected(Client client) {
    }

    /**
     * The connection ended; called once for every connection that was opened, authenticated or not.
     * The client is already out of every index when this runs.
     */
    default void onDisconnected(Client client, int closeCode, String reason) {
    }

    /** The client's outbound queue was above its high-water mark and has now been written out. */
    default void onDrain(Client client) {
    }
}
