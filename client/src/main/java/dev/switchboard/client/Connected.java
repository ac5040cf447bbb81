package dev.switchboard.client;

/**
 * What the server said when authentication succeeded ({@code connected}).
 *
 * @param id     this connection's client id on the server (also the name of its own room)
 * @param userId the authenticated user
 * @param time   the server's clock at that moment, epoch milliseconds
 */
public record Connected(String id, String userId, long time) {
}
