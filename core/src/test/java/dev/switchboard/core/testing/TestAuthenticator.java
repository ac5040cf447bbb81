package dev.switchboard.core.testing;

import dev.switchboard.api.AuthResult;
import dev.switchboard.api.Authenticator;
import dev.switchboard.api.Client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Accepts {@code {"user": name}} as that user, with role metadata; a few names act out failures:
 * {@code reject} (null answer), {@code boom} (throws), {@code broken} (failed stage),
 * {@code silent} (never answers).
 */
public final class TestAuthenticator implements Authenticator<TestAuthenticator.Credentials, Map<String, String>> {

    public record Credentials(String user, String role) {
    }

    @Override
    public CompletionStage<AuthResult<Map<String, String>>> authenticate(Credentials credentials, Client client) {
        if (credentials == null || credentials.user() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return switch (credentials.user()) {
            case "reject" -> CompletableFuture.completedFuture(null);
            case "boom" -> throw new IllegalStateException("authenticator exploded");
            case "broken" -> CompletableFuture.failedFuture(new IllegalStateException("backend down"));
            case "silent" -> new CompletableFuture<>();
            default -> CompletableFuture.completedFuture(AuthResult.of(credentials.user(),
                    Map.of("role", credentials.role() == null ? "user" : credentials.role())));
        };
    }
}
