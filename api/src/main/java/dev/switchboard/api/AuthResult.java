package dev.switchboard.api;

import java.util.Objects;

/**
 * A successful authentication: who the client is, and what the app wants to remember about it.
 * To reject, an {@link Authenticator} answers {@code null} or fails.
 *
 * @param userId   the user the client belongs to; not blank
 * @param metadata anything the app wants on {@link Client#metadata()}; may be {@code null}
 */
public record AuthResult<M>(String userId, M metadata) {

    public AuthResult {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
    }

    public static <M> AuthResult<M> of(String userId) {
        return new AuthResult<>(userId, null);
    }

    public static <M> AuthResult<M> of(String userId, M metadata) {
        return new AuthResult<>(userId, metadata);
    }
}
