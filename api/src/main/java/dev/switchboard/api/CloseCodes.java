package dev.switchboard.api;

/**
 * WebSocket close codes Switchboard uses. The 4xxx codes are Switchboard's own; the others are
 * the RFC 6455 codes with the meaning given here.
 */
public final class CloseCodes {
    /** Normal closure, e.g. the client closed cleanly. */
    public static final int NORMAL = 1000;
    /** The server is shutting down gracefully. */
    public static final int GOING_AWAY = 1001;
    /** Policy violation (origin, rate limit). */
    public static final int POLICY_VIOLATION = 1008;
    /** A text frame exceeded the configured maximum message size. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /**
     * Reported (never sent) when a socket ended without a close frame: network loss, a killed
     * process, a failed write. A resumable session is suspended, not ended, on this code.
     */
    public static final int CLOSED_ABNORMALLY = 1006;
    /** Unexpected server error. */
    public static final int INTERNAL_ERROR = 1011;
    /** Slow consumer: the connection's outbound queue overflowed its byte bound. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The client did not authenticate within the authentication timeout. */
    public static final int AUTH_TIMEOUT = 4001;
    /** No inbound message within the heartbeat timeout. */
    public static final int HEARTBEAT_TIMEOUT = 4002;
    /** The authenticator rejected the credentials, failed, or did not answer in time. */
    public static final int AUTH_FAILED = 4003;
    /**
     * Encryption is required and the key exchange did not succeed: the {@code authenticate} offered
     * no key, or not a valid P-256 point (see {@code docs/encryption.md}).
     */
    public static final int ENCRYPTION_REQUIRED = 4004;
    /**
     * Sent on a socket whose session was resumed by another socket (takeover); the session lives on
     * there. A client that gets this code should not resume again.
     */
    public static final int SESSION_TAKEN_OVER = 4005;
    /**
     * A suspended session was not resumed within the disconnection TTL. Reported to
     * {@link ConnectionListener#onDisconnected}; the socket was already gone.
     */
    public static final int SESSION_EXPIRED = 4006;
    /**
     * A suspended session was ended because a resume with its current token could not recover it
     * (messages missing from the replay buffer, or saved state failed validation). Reported to
     * {@link ConnectionListener#onDisconnected}; the resuming socket stays open to authenticate anew.
     */
    public static final int SESSION_NOT_RECOVERED = 4007;
    /**
     * Messages for this session were lost between cluster nodes beyond recovery: this node was cut
     * off from Redis (or fell behind) for longer than the cluster log keeps, so a room, user, client or
     * broadcast message it should have delivered is gone. The session ends (it is not suspended); the
     * client should authenticate anew, as a new session, and fetch any state it needs.
     */
    public static final int MESSAGES_LOST = 4009;
    /**
     * An {@code encrypted} client frame failed to decode, authenticate or pass the counter check
     * (tampered, replayed, reordered, or sealed with the wrong key). It was not processed; the
     * {@code DECRYPTION_FAILED} error precedes the close. 4008 is left free.
     */
    public static final int DECRYPTION_FAILED = 4010;

    private CloseCodes() {
    }
}
