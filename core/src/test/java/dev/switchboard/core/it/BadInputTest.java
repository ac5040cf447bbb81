package dev.switchboard.core.it;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class BadInputTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .maxMessageBytes(1024).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"event\":", "[1,2]", "\"text\"", "{}", "{\"event\":5}", "{\"event\":\"\"}",
            "{\"event\":null}", "{\"event\":\"x\",\"id\":{}}", "{\"event\":\"x\",\"id\":1e400}",
            "{\"event\":\"x\",\"method\":[]}"})
    void malformedFramesGetInvalidMessageFormatAndTheConnectionStays(String frame) {
        for (boolean authenticated : new boolean[]{false, true}) {
            try (WsClient client = WsClient.connect(server.uri())) {
                if (authenticated) {
                    client.authenticate("alice");
                }
                client.send(frame);
                JsonObject error = client.next();
                assertEquals("error", error.getString("event"));
                assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, error.getJsonObject("data").getString("code"));
                assertNoInternals(error);
                if (!authenticated) {
                    client.authenticate("alice");
                } else {
                    client.emit("heartbeat", null);
                    client.emit("whatever", null);
                    assertEquals(ErrorCodes.UNKNOWN_EVENT, client.await("error").getJsonObject("data").getString("code"));
                }
            }
        }
    }

    @Test
    void binaryFramesAreRefusedWithAnError() {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.authenticate("alice");
            client.sendBinary(new byte[]{1, 2, 3});
            JsonObject error = client.await("error");
            assertEquals(ErrorCodes.UNSUPPORTED_FRAME, error.getJsonObject("data").getString("code"));
            client.emit("whatever", null);
            assertEquals(ErrorCodes.UNKNOWN_EVENT, client.await("error").getJsonObject("data").getString("code"));
        }
    }

    @Test
    void frameOverTheLimitClosesWith1009() {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.authenticate("alice");
            client.emit("big", "\"" + "x".repeat(2000) + "\"");
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, client.awaitClose());
        }
        Eventually.until("connection released", () -> server.hub().clientCount() == 0);
    }

    @Test
    void multiByteFrameOverTheLimitInBytesClosesWith1009() {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.authenticate("alice");
            // 400 characters, 1200 UTF-8 bytes: over the 1024-byte limit
            client.emit("big", "\"" + "€".repeat(400) + "\"");
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, client.awaitClose());
        }
    }

    @Test
    void frameJustUnderTheLimitIsAccepted() {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.authenticate("alice");
            String frame = "{\"event\":\"big\",\"data\":\"" + "x".repeat(900) + "\"}";
            client.send(frame);
            assertEquals(ErrorCodes.UNKNOWN_EVENT, client.await("error").getJsonObject("data").getString("code"));
        }
    }

    private static void assertNoInternals(JsonObject error) {
        String text = error.toString();
        assertFalse(text.contains("Exception"), text);
        assertFalse(text.contains("\tat "), text);
    }
}
