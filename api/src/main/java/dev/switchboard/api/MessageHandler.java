package dev.switchboard.api;

/**
 * Receives every event from an authenticated client that is not part of the protocol
 * ({@code authenticate}, {@code heartbeat}, {@code join}, {@code leave}, ...). Runs on the
 * container's thread for that connection, one message at a time per connection. An exception
 * is logged and answered with an {@code error} event {@link ErrorCodes#INTERNAL_ERROR}.
 */
@FunctionalInterface
public interface MessageHandler {

    void onMessage(Client client, Message message) throws Exception;
}
