package dev.switchboard.api;

/**
 * Receives every event from an authenticated client that is not part of the protocol
 * ({@code authenticate}, {@code heartbeat}, {@code join}, {@code leave}, ...), one message at a
 * time per connection, in arrival order. It runs on the thread that delivered the frame: the
 * container's thread for a socket of this node, a relay thread for a session served through a
 * socket on another node. An exception is logged and answered with an {@code error} event
 * {@link ErrorCodes#INTERNAL_ERROR}.
 */
@FunctionalInterface
public interface MessageHandler {

    void onMessage(Client client, Message message) throws Exception;
}
