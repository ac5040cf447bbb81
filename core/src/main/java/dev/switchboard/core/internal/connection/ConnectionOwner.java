package dev.switchboard.core.internal.connection;

/**
 * What a {@link Connection} and its {@link Link} report to, and ask of, the hub that owns them. Implemented by the hub;
 * methods may be called on any thread and must not block.
 */
public interface ConnectionOwner {

    /** Encode and queue an app event for this connection alone ({@link Connection#send}). */
    void send(Connection connection, String event, Object data);

    /** Close the connection politely ({@link Connection#close}): run cleanup, flush, then close the socket. */
    void close(Connection connection, int code, String reason);

    /** The socket's outbound queue overflowed its byte bound under {@code OverflowPolicy.CLOSE}. */
    void overflowed(Link link);

    /** A send failed: the socket is gone. */
    void sendFailed(Link link, Throwable failure);

    /** The socket's backpressured queue has been written out. */
    void drained(Link link);

    /** A frame was dropped because the link's queue was full (overflow policy DROP). */
    default void dropped(Link link) {
    }
}
