package dev.switchboard.standalone;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged fat jar as the README runs it: a separate JVM, configured by environment, stopped by SIGTERM. */
class StandaloneJarIT {

    private static final Pattern LISTENING = Pattern.compile("^Switchboard listening on (ws://127\\.0\\.0\\.1:(\\d+)/ws)$");
    private static final Pattern SAMPLE_TOKEN = Pattern.compile("^Sample token for user 'demo' \\(valid 24 h\\): (\\S+)$");
    private static final Pattern DEMO_LINK = Pattern.compile("^Demo page, connected as 'demo': (http://127\\.0\\.0\\.1:\\d+/\\?token=(\\S+))$");

    private StandaloneJar jar;
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (jar != null) {
            jar.close();
        }
    }

    private void launch(Map<String, String> env) throws IOException {
        jar = StandaloneJar.start(env);
        process = jar.process();
    }

    /** Waits for a line matching the pattern, failing with everything printed so far. */
    private Matcher awaitLine(Pattern pattern) throws InterruptedException {
        return jar.awaitLine(pattern, Duration.ofSeconds(30));
    }

    @Test
    void startsWithAGeneratedSecretServesTheDemoAndStopsGracefullyOnSigterm() throws Exception {
        launch(Map.of("SWITCHBOARD_PORT", "0"));
        String token = awaitLine(SAMPLE_TOKEN).group(1);
        Matcher demo = awaitLine(DEMO_LINK);
        assertEquals(token, demo.group(2));
        Matcher listening = awaitLine(LISTENING);
        URI ws = URI.create(listening.group(1));

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Switchboard demo"));

        try (WsClient client = WsClient.connect(ws)) {
            client.emit("authenticate", "{\"token\":\"" + token + "\"}");
            assertEquals("demo", client.await("connected").getJsonObject("data").getString("userId"));

            process.destroy(); // SIGTERM
            assertEquals(CloseCodes.GOING_AWAY, client.awaitClose());
        }
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the server exits after SIGTERM");
    }

    @Test
    void aConfigurationErrorExitsWithCode2AndNamesTheKey() throws Exception {
        launch(Map.of("SWITCHBOARD_PORT", "not-a-port"));
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        awaitLine(Pattern.compile("^Switchboard configuration error: SWITCHBOARD_PORT must be an integer from 0 to 65535, was 'not-a-port'$"));
        List<String> rest = jar.unreadLines();
        assertTrue(rest.stream().noneMatch(line -> line.contains("Exception")), "no stack trace: " + rest);
    }

    @Test
    void aShortSecretIsAConfigurationError() throws Exception {
        launch(Map.of("SWITCHBOARD_PORT", "0", "SWITCHBOARD_AUTH_SECRET", "too-short"));
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        awaitLine(Pattern.compile("^Switchboard configuration error: SWITCHBOARD_AUTH_SECRET: The JWT secret must be at least 32 bytes for HS256, got 9$"));
    }
}
