package dev.switchboard.api;

/** The {@code code} values of {@link WireError} that Switchboard itself sends. */
public final class ErrorCodes {
    /**
     * The frame is not a JSON object with a string {@code event}, a field has the wrong shape, or
     * (RPC) the request lacks an id or method, or its payload does not fit the handler's type.
     */
    public static final String INVALID_MESSAGE_FORMAT = "INVALID_MESSAGE_FORMAT";
    /** An event other than {@code authenticate}, {@code resume} or {@code heartbeat} arrived before authentication. */
    public static final String NOT_AUTHENTICATED = "NOT_AUTHENTICATED";
    /** {@code authenticate} or {@code resume} arrived on a connection that is authenticated or authenticating. */
    public static final String ALREADY_AUTHENTICATED = "ALREADY_AUTHENTICATED";
    /** The credentials were rejected; the connection is then closed with 4003. */
    public static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
    /** A binary frame arrived; the protocol uses JSON text frames only. */
    public static final String UNSUPPORTED_FRAME = "UNSUPPORTED_FRAME";
    /** A custom event arrived and no {@link MessageHandler} is installed. */
    public static final String UNKNOWN_EVENT = "UNKNOWN_EVENT";
    /** An application hook failed while handling the client's message. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** RPC: no method is registered under that name. */
    public static final String METHOD_NOT_FOUND = "METHOD_NOT_FOUND";
    /** RPC: no response within the method's timeout. */
    public static final String REQUEST_TIMEOUT = "REQUEST_TIMEOUT";
    /** RPC: the request was cancelled. */
    public static final String REQUEST_CANCELLED = "REQUEST_CANCELLED";
    /** RPC: the connection already has the maximum number of requests in flight. */
    public static final String TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS";
    /** RPC: the other side is not connected, or disconnected before answering. */
    public static final String DISCONNECTED = "DISCONNECTED";
    /** Presence: the room of a {@code presence} request does not match the server's presence rule. */
    public static final String PRESENCE_DISABLED = "PRESENCE_DISABLED";
    /** Presence (and the demo's {@code chat:send}): the client is not a member of the room it named. */
    public static final String NOT_IN_ROOM = "NOT_IN_ROOM";
    /**
     * Encryption is required: an {@code authenticate} without a valid key (then close 4004), or a
     * plain frame other than {@code heartbeat} after {@code connected} (not processed).
     */
    public static final String ENCRYPTION_REQUIRED = "ENCRYPTION_REQUIRED";
    /**
     * An {@code encrypted} frame failed to decode, authenticate or pass the counter check; it was
     * not processed and the connection is closed with 4010.
     */
    public static final String DECRYPTION_FAILED = "DECRYPTION_FAILED";

    /**
     * A frame over the connection's message rate: it was not processed (it was not even read, so the
     * error carries no id). A client that keeps sending while refused is closed with 1008; too many
     * {@code authenticate}/{@code resume} attempts on one socket get this error and 1008 too.
     */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /**
     * A connection limit was reached: too many connections for the user (at authentication) or from
     * the client's address (at open), then close 1008; or the node is full, then close 1013.
     */
    public static final String CONNECTION_LIMIT = "CONNECTION_LIMIT";

    private ErrorCodes() {
    }
}
