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

    /**
     * A resumable session lost its socket without a clean close and is now
     * {@link ClientState#SUSPENDED}: it keeps its rooms and buffers messages for the disconnection
     * TTL. Followed by {@link #onResumed} or {@link #onDisconnected} (expiry, or another end).
     */
    default void onSuspended(Client client) {
    }

    /**
     * A new socket resumed the session (after a suspension, or taking over a still-attached socket);
     * the client was sent {@code resumed} and the messages it missed. Session state namespaces are
     * restored before this runs.
     */
    default void onResumed(Client client) {
    }

    /** The client's outbound queue was above its high-water mark and has now been written out. */
    default void onDrain(Client client) {
    }
}
