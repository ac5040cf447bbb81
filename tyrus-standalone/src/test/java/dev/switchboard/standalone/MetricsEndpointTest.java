package dev.switchboard.standalone;

import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.WsClient;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics} on a real standalone server after some traffic: Prometheus names and values. */
class MetricsEndpointTest {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    static final JwtAuthenticator TOKENS = new JwtAuthenticator(SECRET);

    @Test
    void scrapesTheHubsMetersInPrometheusTextFormat() throws Exception {
        StandaloneConfig config = StandaloneConfig.from(Map.of("SWITCHBOARD_PORT", "0", "SWITCHBOARD_AUTH_SECRET", SECRET,
                "SWITCHBOARD_ROOMS_ALLOW", "lobby", "SWITCHBOARD_DEFAULT_ROOMS", "",
                // no presence pushes, so the app messages out are exactly the chat messages counted below
                "SWITCHBOARD_PRESENCE_ROOMS", "no-presence-room",
                "SWITCHBOARD_MESSAGE_RATE", "1", "SWITCHBOARD_MESSAGE_BURST", "20", "SWITCHBOARD_FLOOD_LIMIT", "1000"));
        try (StandaloneServer server = StandaloneServer.start(config, TOKENS);
             WsClient alice = login(server, "alice");
             WsClient bob = login(server, "bob")) {
            for (WsClient client : new WsClient[] {alice, bob}) {
                client.emit("join", "{\"rooms\":[\"lobby\"]}");
                client.await("joined");
            }
            for (int i = 0; i < 3; i++) {
                alice.send("{\"event\":\"request\",\"id\":\"c" + i + "\",\"method\":\"chat:send\","
                        + "\"data\":{\"room\":\"lobby\",\"text\":\"hello " + i + "\"}}");
                alice.await("response");
            }
            for (int i = 0; i < 3; i++) {
                bob.await("chat:message");
            }
            try (WsClient carol = login(server, "carol")) {
                carol.framesBeforeBarrier();
            }
            // Past the burst of 20 (authenticate, join and the barriers used some): RATE_LIMITED.
            for (int i = 0; i < 25; i++) {
                bob.emit("heartbeat", null);
            }
            bob.await("error");
            Eventually.until("carol's close is counted", () -> value(scrape(server), "switchboard_closes_total{code=\"1000\"}") == 1);

            String text = scrape(server);
            assertEquals(2, value(text, "switchboard_connections{state=\"authenticated\"}"), text);
            assertEquals(0, value(text, "switchboard_connections{state=\"unauthorized\"}"), text);
            assertEquals(2, value(text, "switchboard_users"), text);
            assertEquals(3, value(text, "switchboard_rooms"), "lobby and each client's own room: " + text);
            assertEquals(6, value(text, "switchboard_messages_out_total"), "3 chat messages to 2 members: " + text);
            assertTrue(value(text, "switchboard_messages_out_bytes_total") > 6 * 20, text);
            assertTrue(value(text, "switchboard_messages_in_total") >= 2 + 2 + 3 + 2 + 25, text);
            assertTrue(value(text, "switchboard_messages_in_bytes_total") > value(text, "switchboard_messages_in_total"), text);
            assertEquals(3, value(text, "switchboard_rpc_calls_seconds_count{outcome=\"ok\"}"), text);
            assertTrue(text.contains("switchboard_rpc_calls_seconds_bucket{outcome=\"ok\",le=\"0.1\"}"), text);
            assertEquals(0, value(text, "switchboard_rpc_inflight"), text);
            assertTrue(value(text, "switchboard_limits_total{kind=\"rate\"}") >= 1, text);
            assertEquals(0, value(text, "switchboard_limits_total{kind=\"flood\"}"), text);
            assertEquals(0, value(text, "switchboard_messages_dropped_total"), text);
            assertEquals(0, value(text, "switchboard_backpressured"), text);
            assertEquals(3, value(text, "switchboard_cluster_published_total"), "each room message goes to the bus: " + text);
            assertEquals(0, value(text, "switchboard_cluster_pending"), text);
            assertTrue(text.contains("jvm_memory_used_bytes"), text);
        }
    }

    private static WsClient login(StandaloneServer server, String user) {
        WsClient client = WsClient.connect(server.webSocketUri());
        client.emit("authenticate", "{\"token\":\"" + TOKENS.issue(user, Map.of(), Duration.ofMinutes(5)) + "\"}");
        client.await("connected");
        return client;
    }

    private static String scrape(StandaloneServer server) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.httpUri().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The value of the sample named exactly {@code series} (name and labels), or -1 if absent. */
    private static double value(String text, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        OptionalDouble found = line.find() ? OptionalDouble.of(Double.parseDouble(line.group(1))) : OptionalDouble.empty();
        return found.orElse(-1);
    }
}
