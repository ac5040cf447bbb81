package dev.switchboard.standalone;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM with traffic in flight, on the packaged jar in its own JVM: a client that has not read
 * a stream of messages queued for it still gets every one of them after the signal, then 1001; a
 * socket opened during the drain is closed with 1001 at once; the process then exits.
 */
class ShutdownDrainIT {

    private static final Pattern LISTENING = Pattern.compile("^Switchboard listening on (ws://127\\.0\\.0\\.1:\\d+/ws)$");
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final JwtAuthenticator TOKENS = new JwtAuthenticator(SECRET);
    private static final int MESSAGES = 2000;
    private static final int BATCH = 50;
    private static final String PADDING = "x".repeat(8000);

    private StandaloneJar jar;

    @AfterEach
    void stop() throws InterruptedException {
        if (jar != null) {
            jar.close();
        }
    }

    @Test
    void sigtermDrainsQueuedMessagesThenCloses1001() throws Exception {
        URI uri = launch(Map.of("SWITCHBOARD_PORT", "0", "SWITCHBOARD_AUTH_SECRET", SECRET,
                "SWITCHBOARD_ROOMS_ALLOW", "stream", "SWITCHBOARD_DEFAULT_ROOMS", "",
                "SWITCHBOARD_MAX_QUEUED_BYTES", String.valueOf(32 * 1024 * 1024),
                "SWITCHBOARD_CLOSE_TIMEOUT_MS", "60000", "SWITCHBOARD_MESSAGE_RATE", "0"));
        try (WsClient reader = WsClient.connect(uri, true, List.of()); WsClient writer = login(WsClient.connect(uri))) {
            reader.emit("authenticate", token("reader"));
            assertEquals("connected", readOne(reader).getString("event"));
            reader.emit("join", "{\"rooms\":[\"stream\"]}");
            assertEquals("joined", readOne(reader).getString("event"));
            writer.emit("join", "{\"rooms\":[\"stream\"]}");
            writer.await("joined");

            // Each chat:send answers after its message is queued for every member: once all are
            // answered, all MESSAGES are queued for the reader, which has read none of them.
            for (int sent = 0; sent < MESSAGES; sent += BATCH) {
                for (int n = sent; n < sent + BATCH; n++) {
                    writer.send("{\"event\":\"request\",\"id\":\"m" + n + "\",\"method\":\"chat:send\",\"data\":"
                            + "{\"room\":\"stream\",\"text\":\"" + n + " " + PADDING + "\"}}");
                }
                for (int n = sent; n < sent + BATCH; n++) {
                    writer.await("response");
                }
            }

            double queued = queuedBytes(uri);
            assertTrue(queued > 1024 * 1024, "most of the stream waits in the server's queue: " + queued);

            jar.process().destroy(); // SIGTERM

            try (WsClient late = WsClient.connect(uri)) {
                assertEquals(CloseCodes.GOING_AWAY, late.awaitClose(), "a socket opened during the drain is refused");
            }
            reader.socket().request(Long.MAX_VALUE);
            for (int n = 0; n < MESSAGES; n++) {
                JsonObject message = reader.await("chat:message");
                String text = message.getJsonObject("data").getString("text");
                assertEquals(String.valueOf(n), text.substring(0, text.indexOf(' ')), "in order, none missing");
            }
            assertEquals(CloseCodes.GOING_AWAY, reader.awaitClose());
            assertEquals(List.of(), reader.drainReceived(), "nothing after the stream");
            assertEquals(CloseCodes.GOING_AWAY, writer.awaitClose());
        }
        assertTrue(jar.process().waitFor(30, TimeUnit.SECONDS), "the server exits after the drain");
    }

    /** {@code switchboard_queued_bytes} from the server's {@code /metrics}. */
    private static double queuedBytes(URI webSocket) throws IOException, InterruptedException {
        URI metrics = URI.create("http://" + webSocket.getAuthority() + "/metrics");
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher line = Pattern.compile("^switchboard_queued_bytes (\\S+)$", Pattern.MULTILINE).matcher(text);
        assertTrue(line.find(), text);
        return Double.parseDouble(line.group(1));
    }

    private static JsonObject readOne(WsClient paused) {
        paused.resume();
        return paused.next();
    }

    private static String token(String user) {
        return "{\"token\":\"" + TOKENS.issue(user, Map.of(), Duration.ofMinutes(5)) + "\"}";
    }

    private static WsClient login(WsClient client) {
        client.emit("authenticate", token("writer"));
        client.await("connected");
        return client;
    }

    private URI launch(Map<String, String> env) throws IOException, InterruptedException {
        jar = StandaloneJar.start(env);
        return URI.create(jar.awaitLine(LISTENING, Duration.ofSeconds(60)).group(1));
    }
}
