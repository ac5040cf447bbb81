package dev.switchboard.core.it.encryption;

import dev.switchboard.api.AuthResult;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.encryption.EncryptionMode;
import dev.switchboard.core.config.HubSettings;
import dev.switchboard.core.config.Settings;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.SealedClient;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Required mode on a real server: an {@code authenticate} without a valid key is refused with
 * {@code ENCRYPTION_REQUIRED} and 4004 (missing, not a point, wrong length); plain frames after
 * {@code connected} are refused and not processed; the authenticator never sees the offer; and the
 * configuration that cannot work refuses to start.
 */
class RequiredEncryptionTest {

    static final Recorder recorder = new Recorder();
    static final List<Map<?, ?>> credentialsSeen = new CopyOnWriteArrayList<>();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Hub.builder().discoverHooks(false).encryption(EncryptionMode.REQUIRED)
                .authenticator(Map.class, (credentials, client) -> {
                    credentialsSeen.add(credentials);
                    return CompletableFuture.completedFuture(AuthResult.of((String) credentials.get("user"), null));
                })
                .listener(recorder).messageHandler(recorder).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String point(int length, int prefix, int fill) {
        byte[] point = new byte[length];
        java.util.Arrays.fill(point, (byte) fill);
        point[0] = (byte) prefix;
        return Base64.getEncoder().encodeToString(point);
    }

    private static void assertRefused(String authenticateData, String user) {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.send("{\"event\":\"authenticate\",\"data\":" + authenticateData + "}");
            JsonObject error = client.await("error");
            assertEquals(ErrorCodes.ENCRYPTION_REQUIRED, error.getJsonObject("data").getString("code"));
            assertEquals(CloseCodes.ENCRYPTION_REQUIRED, client.awaitClose());
        }
        assertFalse(recorder.connected.stream().anyMatch(id -> server.hub().client(id)
                .map(c -> user.equals(c.userId())).orElse(false)), user + " was never admitted");
    }

    @Test
    void anAuthenticateWithoutAKeyIsRefusedBeforeTheAuthenticatorRuns() {
        assertRefused("{\"user\":\"nokey\"}", "nokey");
        assertRefused("{\"user\":\"nullkey\",\"encryption\":null}", "nullkey");
        assertFalse(credentialsSeen.stream().anyMatch(c -> "nokey".equals(c.get("user"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"offcurve", "short", "compressed", "notbase64", "nokeyfield"})
    void anAuthenticateWithAnInvalidKeyIsRefused(String kind) {
        String key = switch (kind) {
            case "offcurve" -> "\"" + point(65, 4, 1) + "\"";
            case "short" -> "\"" + point(64, 4, 1) + "\"";
            case "compressed" -> "\"" + point(33, 2, 1) + "\"";
            case "notbase64" -> "\"not base64!\"";
            default -> null;
        };
        String offer = key == null ? "{}" : "{\"publicKey\":" + key + "}";
        assertRefused("{\"user\":\"bad-" + kind + "\",\"encryption\":" + offer + "}", "bad-" + kind);
    }

    @Test
    void theAuthenticatorSeesOnlyItsOwnPayloadAndPlainFramesAfterConnectedAreNotProcessed() {
        try (SealedClient client = SealedClient.connect(server.uri(), "carol")) {
            Map<?, ?> seen = credentialsSeen.stream().filter(c -> "carol".equals(c.get("user"))).findFirst().orElseThrow();
            assertEquals(Set.of("user"), seen.keySet(), "the offer was removed: " + seen);

            client.socket().emit("plain-secret", "\"leaked\"");
            JsonObject error = client.await("error");
            assertEquals(ErrorCodes.ENCRYPTION_REQUIRED, error.getJsonObject("data").getString("code"),
                    "the refusal itself is sealed: " + error);
            client.socket().emit("heartbeat", null);
            client.emit("sealed-one", "\"fine\"");
            client.emit("explode", null);
            assertEquals(ErrorCodes.INTERNAL_ERROR, client.await("error").getJsonObject("data").getString("code"),
                    "a barrier: every earlier frame has been handled");
            List<String> events = recorder.messages.stream().map(Recorder.Received::event).toList();
            assertTrue(events.contains("sealed-one"), events.toString());
            assertFalse(events.contains("plain-secret"), events.toString());
        }
    }

    @Test
    void requiredWithACustomTransformerButNoHandshakeRefusesToStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Hub.builder()
                .discoverHooks(false).authenticator(Map.class, (c, client) -> null)
                .encryption(EncryptionMode.REQUIRED).outboundTransformer((client, json) -> json).build());
        assertTrue(refused.getMessage().contains("HandshakeHandler"), refused.getMessage());
    }

    @Test
    void theModeComesFromSwitchboardEncryption() {
        for (Map.Entry<String, EncryptionMode> entry : Map.of("off", EncryptionMode.OFF, " Required ",
                EncryptionMode.REQUIRED, "optional", EncryptionMode.OPTIONAL).entrySet()) {
            Hub hub = HubSettings.apply(Settings.from(Map.of("SWITCHBOARD_ENCRYPTION", entry.getKey())),
                    Hub.builder().discoverHooks(false).authenticator(Map.class, (c, client) -> null)).build();
            try {
                assertEquals(entry.getValue(), hub.encryptionMode());
            } finally {
                hub.shutdown();
            }
        }
        Hub defaults = HubSettings.apply(Settings.from(Map.of()), Hub.builder().discoverHooks(false)
                .authenticator(Map.class, (c, client) -> null)).build();
        assertEquals(EncryptionMode.OPTIONAL, defaults.encryptionMode());
        defaults.shutdown();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> HubSettings.apply(
                Settings.from(Map.of("SWITCHBOARD_ENCRYPTION", "sometimes")), Hub.builder()));
        assertTrue(bad.getMessage().startsWith("SWITCHBOARD_ENCRYPTION"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HubSettings.apply(
                Settings.from(Map.of("SWITCHBOARD_ENCRYPTED_BATCH_LIMIT", "0")), Hub.builder()));
    }
}
