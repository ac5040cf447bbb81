package dev.switchboard.client;

/**
 * A client present in a room: {@code presence(room)} answers with these, and presence listeners
 * are told who joined and left. A user with three tabs is three members with one {@code userId}.
 *
 * @param clientId the client's id on the server (its {@link Connected#id()})
 * @param userId   its user
 */
public record Member(String clientId, String userId) {
}
