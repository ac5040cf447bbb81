package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.redis.RedisServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code /health/live}, {@code /health/ready} and {@code /health} on the server's port, with and without Redis. */
class StandaloneHealthTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StandaloneServer start(String redisUrl) throws IOException {
        Map<String, String> values = new HashMap<>(Map.of("SWITCHBOARD_PORT", "0", "SWITCHBOARD_AUTH_SECRET", SECRET));
        if (redisUrl != null) {
            values.put("SWITCHBOARD_REDIS_URL", redisUrl);
        }
        StandaloneConfig config = StandaloneConfig.from(values);
        return StandaloneServer.start(config, new JwtAuthenticator(config.authSecret()));
    }

    /** "status body" of a GET. */
    private static String get(StandaloneServer server, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutRedisLiveAndReadyAreUp() throws Exception {
        try (StandaloneServer server = start(null)) {
            assertEquals("200 {\"status\":\"UP\"}", get(server, "/health/live"));
            assertEquals("200 {\"status\":\"UP\"}", get(server, "/health/ready"));
            assertEquals("200 {\"status\":\"UP\"}", get(server, "/health"));
            assertEquals(404, HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve("/health/other")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            HttpResponse<Void> post = HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve("/health"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(405, post.statusCode());
            HttpResponse<Void> live = HTTP.send(HttpRequest.newBuilder(server.httpUri().resolve("/health/live")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals("application/json", live.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        }
    }

    @Test
    void readinessFollowsTheRedisConnectionWhileLivenessStaysUp() throws Exception {
        try (RedisServer redis = RedisServer.start(); StandaloneServer server = start(redis.url())) {
            Eventually.until("ready with Redis", () -> get(server, "/health/ready").equals("200 {\"status\":\"UP\",\"redis\":\"UP\"}"));
            assertEquals("200 {\"status\":\"UP\",\"redis\":\"UP\"}", get(server, "/health"));

            redis.stop();
            Eventually.until("not ready without Redis", () -> get(server, "/health/ready").equals("503 {\"status\":\"DOWN\",\"redis\":\"DOWN\"}"));
            assertEquals("503 {\"status\":\"DOWN\",\"redis\":\"DOWN\"}", get(server, "/health"));
            assertEquals("200 {\"status\":\"UP\"}", get(server, "/health/live"));

            redis.restart();
            Eventually.until("ready again once Redis is back", () -> get(server, "/health").equals("200 {\"status\":\"UP\",\"redis\":\"UP\"}"));
        }
    }
}
