package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /demo/token?user=NAME}: a JWT for NAME (letters, digits, {@code -_.}, at most 32;
 * otherwise a random {@code guest-NNNN}), valid 24 h, as {@code {"userId": .., "token": ..}}. Served
 * only while the server runs with a generated secret, so the demo page works on first run and two
 * tabs can be two users. Stateless.
 */
final class DemoTokens extends HttpHandler {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwtAuthenticator authenticator;

    DemoTokens(JwtAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        String asked = request.getParameter("user");
        String user = asked != null && NAME.matcher(asked).matches() ? asked : "guest-" + (1000 + RANDOM.nextInt(9000));
        String token = authenticator.issue(user, Map.of("name", user), Duration.ofHours(24));
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        // user matches NAME and the token is base64url with dots: neither needs JSON escaping.
        response.getWriter().write("{\"userId\":\"" + user + "\",\"token\":\"" + token + "\"}");
    }
}
