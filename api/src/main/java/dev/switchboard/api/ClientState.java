package dev.switchboard.api;

/** Where a connection is in its life; it only moves forward. */
public enum ClientState {
    /** Connected, no credentials yet; only {@code authenticate} and {@code heartbeat} are accepted. */
    UNAUTHORIZED,
    /** Credentials received, the {@link Authenticator} has not answered yet. */
    AUTHENTICATING,
    /** Fully operational: indexed by user, in rooms, receives deliveries. */
    AUTHENTICATED,
    /** Closed or closing; receives nothing more. */
    DISCONNECTED
}
