package dev.switchboard.core.connection;

/**
 * What a {@link Connection} reports to, and asks of, the hub that owns it. Implemented by the hub;
 * methods may be called on any thread and must not block.
 */
public interface ConnectionOwner {

    /** Encode and queue an app event for this connection alone ({@link Connection#send}). */
    void send(Connection connection, String event, Object data);

    /** Close the connection politely ({@link Connection#close}): run cleanup, flush, then close the socket. */
    void close(Connection connection, int code, String reason);

    /** The outbound queue overflowed its byte bound under {@code OverflowPolicy.CLOSE}. */
    void overflowed(Connection connection);

    /** A send failed: the socket is gone. */
    void sendFailed(Connection connection, Throwable failure);

    /** A backpressured queue has been written out. */
    void drained(Connection connection);
}
