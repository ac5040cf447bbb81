package dev.switchboard.api;

/**
 * Where a connection is in its life. It moves forward, except that a resumable session moves
 * between {@link #AUTHENTICATED} and {@link #SUSPENDED} as its socket drops and a new one resumes it.
 */
public enum ClientState {
    /** Connected, no credentials yet; only {@code authenticate}, {@code resume} and {@code heartbeat} are accepted. */
    UNAUTHORIZED,
    /** Credentials received, the {@link Authenticator} has not answered yet. */
    AUTHENTICATING,
    /** Fully operational: indexed by user, in rooms, receives deliveries. */
    AUTHENTICATED,
    /**
     * Resumable session whose socket was lost (not closed cleanly by the client): still in its rooms
     * and its user's index; messages for it are buffered until it is resumed or its TTL ends.
     */
    SUSPENDED,
    /** Closed or closing; receives nothing more. */
    DISCONNECTED
}
