package dev.switchboard.core.internal.connection;

/**
 * What one socket's events go to. The endpoint adapter gets one per socket when it opens it (a
 * {@link Link}, which passes each call to the handler installed in it) and calls it for that
 * socket only, never in parallel for the same socket (the container's guarantee). A socket that
 * starts relaying a session of another node gets the relay's own handler installed, so ordinary
 * sockets never pass through relay code.
 */
public interface SocketHandler {

    /** A text frame arrived. */
    void onText(String text);

    /** A binary frame arrived (the protocol has none: answered with an error). */
    void onBinary();

    /** The container closed the socket (client close, network loss, or the end of our own close). */
    void onClose(int code, String reason);

    /** The container reported an error on the socket. */
    void onError(Throwable error);
}
