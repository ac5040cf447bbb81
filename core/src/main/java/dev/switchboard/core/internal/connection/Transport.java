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

    /** Closes the socket with the code and reason (at most 123 UTF-8 bytes). Idempotent. */
    void close(int code, String reason);

    /** Completion of one send. */
    @FunctionalInterface
    interface Completion {
        void done(Throwable failureOrNull);
    }
}
