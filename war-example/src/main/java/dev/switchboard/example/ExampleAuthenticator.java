package dev.switchboard.example;

import dev.switchboard.api.AuthResult;
import dev.switchboard.api.Client;
import dev.switchboard.api.SyncAuthenticator;
import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.config.Settings;

import java.util.Map;

/**
 * Accepts clients whose {@code authenticate} data carries a JWT signed with the deployment's
 * {@code SWITCHBOARD_AUTH_SECRET}; the {@code sub} claim is the user. Listed in
 * {@code META-INF/services/dev.switchboard.api.Authenticator}. Immutable.
 */
public class ExampleAuthenticator implements SyncAuthenticator<JwtAuthenticator.TokenCredentials, Map<String, Object>> {

    private final JwtAuthenticator jwt;

    public ExampleAuthenticator() {
        String secret = Settings.fromEnvironment().text("SWITCHBOARD_AUTH_SECRET", null);
        if (secret == null) {
            throw new IllegalStateException("SWITCHBOARD_AUTH_SECRET is not set: set it (environment variable or "
                    + "system property) to the HS256 secret, at least 32 bytes, that signs the clients' tokens");
        }
        this.jwt = new JwtAuthenticator(secret);
    }

    @Override
    public AuthResult<Map<String, Object>> verify(JwtAuthenticator.TokenCredentials credentials, Client client) {
        return jwt.verify(credentials, client);
    }
}
