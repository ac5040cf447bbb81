package dev.switchboard.core.internal.connection;

/**
 * The hub's view of one socket: send a text frame with completion, close with a code. The endpoint
 * adapter implements it over a container's session; tests implement it in memory. Implementations
 * need not be thread-safe for concurrent sends: the outbound queue never has two sends in flight.
 */
public interface Transport {

    /**
     * Starts writing one text frame. {@code completion} is called exactly once, on any thread
     * (possibly before this method returns), with {@code null} on success or the failure.
     */
    void sendText(String text, Completion completion);

    /**
     * Starts writing {@code frame} as one text frame, as {@link #sendText} does with its text; a
     * transport that writes bytes itself takes its UTF-8 without building a numbered copy's text.
     */
    default void sendFrame(dev.switchboard.core.internal.codec.OutboundFrame frame, Completion completion) {
        sendText(frame.text(), completion);
    }

    /** Closes the socket with the code and reason (at most 123 UTF-8 bytes). Idempotent. */
    void close(int code, String reason);

    /**
     * Whether the container always reports this socket's end to its handler ({@code onClose}), as a
     * Jakarta WebSocket session does; the hub's shutdown then waits for that report, so the close
     * frame is out before the server stops. False by default (in-memory and relayed transports).
     */
    default boolean reportsClose() {
        return false;
    }

    /** Completion of one send. */
    @FunctionalInterface
    interface Completion {
        void done(Throwable failureOrNull);
    }
}
