package dev.switchboard.core.internal.connection;

/**
 * What a socket's events go to once its {@link Link} has passed them on: one instance may serve
 * every socket of a hub, so each call names the socket it is about (an idle connection then holds
 * no handler object of its own). Called for one socket at a time, never in parallel for the same
 * socket (the container's guarantee).
 */
public interface LinkHandler {

    /** Drops every event: a link's handler until the hub installs its own. */
    LinkHandler NONE = new LinkHandler() {
        @Override
        public void onText(Link link, String text) {
        }

        @Override
        public void onBinary(Link link) {
        }

        @Override
        public void onClose(Link link, int code, String reason) {
        }

        @Override
        public void onError(Link link, Throwable error) {
        }
    };

    /** A text frame arrived on {@code link}. */
    void onText(Link link, String text);

    /** A binary frame arrived (the protocol has none: answered with an error). */
    void onBinary(Link link);

    /** The container closed the socket (client close, network loss, or the end of our own close). */
    void onClose(Link link, int code, String reason);

    /** The container reported an error on the socket. */
    void onError(Link link, Throwable error);
}
