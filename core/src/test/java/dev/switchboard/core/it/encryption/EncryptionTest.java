package dev.switchboard.core.it.encryption;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.encryption.Role;
import dev.switchboard.api.encryption.SecureChannel;
import dev.switchboard.api.encryption.SessionKeys;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.SealedClient;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in scheme on a real Tyrus server in the default (optional) mode, checked on the wire:
 * sealed frames both ways (events, rooms, RPC in both directions), encrypted and plain clients in
 * one room, refused client frames (tampered, replayed, wrong key) never processed, and a resumed
 * session sealed with the same keys and continuing counters.
 */
class EncryptionTest {

    static final Recorder recorder = new Recorder();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Resumes.hub(recorder, Resumption.enabled(Resumes.KEY)).messageHandler(recorder)
                .build());
        server.hub().method("math:double", ctx -> ctx.payload(Integer.class) * 2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void connectedIsPlainAndCarriesTheAnswerAndEverythingAfterIsSealedBothWays() throws Exception {
        try (SealedClient alice = SealedClient.connect(server.uri(), "alice")) {
            JsonObject encryption = alice.connected().getJsonObject("data").getJsonObject("encryption");
            assertEquals(Set.of("publicKey", "salt"), encryption.keySet());
            String id = alice.connected().getJsonObject("data").getString("id");

            alice.send("{\"event\":\"join\",\"id\":\"j1\",\"data\":{\"rooms\":[\"hall\"]}}");
            JsonObject joined = alice.await("joined");
            assertEquals("j1", joined.getString("id"));
            assertTrue(joined.containsKey("seq"), "the sealed envelope keeps its seq: " + joined);

            alice.emit("echo", "{\"text\":\"héllo ✓ 🚀\"}");
            assertEquals("héllo ✓ 🚀", alice.await("echo").getJsonObject("data").getString("text"));

            alice.send("{\"event\":\"request\",\"id\":\"r1\",\"method\":\"math:double\",\"data\":21}");
            JsonObject response = alice.await("response");
            assertEquals("r1", response.getString("id"));
            assertEquals(42, response.getInt("data"));

            CompletableFuture<Integer> call = server.hub().request(id, "client:triple", 5, Integer.class);
            JsonObject request = alice.await("request");
            assertEquals("client:triple", request.getString("method"));
            alice.send("{\"event\":\"response\",\"id\":\"" + request.getString("id") + "\",\"data\":15}");
            assertEquals(15, call.get(10, TimeUnit.SECONDS));

            alice.socket().emit("heartbeat", null);
            alice.emit("echo", "1");
            assertEquals(1, alice.await("echo").getInt("data"), "a plain heartbeat is fine in optional mode");
        }
    }

    @Test
    void encryptedAndPlainMembersOfOneRoomEachGetTheMessage() {
        try (SealedClient sealed = SealedClient.connect(server.uri(), "sam");
             WsClient plain = WsClient.authenticated(server.uri(), "pat")) {
            assertFalse(plain.drainReceived().stream().anyMatch(f -> "encrypted".equals(f.getString("event"))));
            sealed.send("{\"event\":\"join\",\"data\":{\"rooms\":[\"mixed\"]}}");
            sealed.await("joined");
            plain.emit("join", "{\"rooms\":[\"mixed\"]}");
            plain.await("joined");

            server.hub().sendToRoom("mixed", "news", Map.of("n", 7), Set.of());
            JsonObject seen = plain.await("news");
            assertEquals(7, seen.getJsonObject("data").getInt("n"), "the plain member reads plaintext");

            JsonObject raw = sealed.socket().next();
            assertEquals("encrypted", raw.getString("event"), "the encrypted member gets only sealed frames");
            assertFalse(raw.toString().contains("news"), raw.toString());
            JsonObject opened = sealed.open(raw);
            assertEquals("news", opened.getString("event"));
            assertEquals(seen.getJsonObject("data"), opened.getJsonObject("data"));
            assertTrue(opened.containsKey("seq"));
        }
    }

    /** After the refusal (seen as the 4010 close), nothing of the frame was processed; others are still served. */
    private static void assertRefused(SealedClient victim, String marker) {
        JsonObject error = victim.socket().await("error");
        assertEquals(ErrorCodes.DECRYPTION_FAILED, error.getJsonObject("data").getString("code"), "plain error: " + error);
        assertEquals(CloseCodes.DECRYPTION_FAILED, victim.socket().awaitClose());
        try (SealedClient other = SealedClient.connect(server.uri(), "olga")) {
            other.emit("echo", "\"barrier\"");
            assertEquals("barrier", other.await("echo").getString("data"));
        }
        assertFalse(recorder.messages.stream().anyMatch(m -> m.rawData() != null && m.rawData().contains(marker)),
                "the refused frame was never processed");
    }

    @Test
    void aTamperedCiphertextIsRefusedAndNeverProcessed() {
        SealedClient mallory = SealedClient.connect(server.uri(), "mallory");
        String frame = mallory.channel().seal("{\"event\":\"echo\",\"data\":\"tampered-1\"}").toJson();
        JsonObject data = parse(frame).getJsonObject("data");
        byte[] ct = java.util.Base64.getDecoder().decode(data.getString("ct"));
        ct[3] ^= 1;
        mallory.socket().send("{\"event\":\"encrypted\",\"data\":{\"iv\":\"" + data.getString("iv") + "\",\"ct\":\""
                + java.util.Base64.getEncoder().encodeToString(ct) + "\"}}");
        assertRefused(mallory, "tampered-1");
    }

    @Test
    void aReplayedFrameIsRefusedAndProcessedOnlyOnce() {
        SealedClient mallory = SealedClient.connect(server.uri(), "mallory");
        String frame = mallory.send("{\"event\":\"echo\",\"data\":\"replayed-1\"}");
        assertEquals("replayed-1", mallory.await("echo").getString("data"));
        mallory.socket().send(frame);
        JsonObject error = mallory.socket().await("error");
        assertEquals(ErrorCodes.DECRYPTION_FAILED, error.getJsonObject("data").getString("code"));
        assertEquals(CloseCodes.DECRYPTION_FAILED, mallory.socket().awaitClose());
        assertEquals(1, recorder.messages.stream().filter(m -> "\"replayed-1\"".equals(m.rawData())).count());
    }

    @Test
    void aFrameSealedWithTheWrongKeyIsRefused() {
        SealedClient mallory = SealedClient.connect(server.uri(), "mallory");
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(a);
        new java.security.SecureRandom().nextBytes(b);
        SecureChannel wrong = SecureChannel.create(Role.CLIENT, SessionKeys.of(a, b));
        mallory.socket().send(wrong.seal("{\"event\":\"echo\",\"data\":\"wrong-key-1\"}").toJson());
        assertRefused(mallory, "wrong-key-1");
    }

    @Test
    void anEncryptedFrameFromAPlainClientIsRefusedAndBeforeAuthenticationIsNotAuthenticated() {
        try (WsClient stranger = WsClient.connect(server.uri())) {
            stranger.send("{\"event\":\"encrypted\",\"data\":{\"iv\":\"AAAAAAAAAAAAAAAB\",\"ct\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}}");
            assertEquals(ErrorCodes.NOT_AUTHENTICATED, stranger.await("error").getJsonObject("data").getString("code"));
            stranger.authenticate("plain");
            stranger.send("{\"event\":\"encrypted\",\"data\":{\"iv\":\"AAAAAAAAAAAAAAAB\",\"ct\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}}");
            assertEquals(ErrorCodes.DECRYPTION_FAILED, stranger.await("error").getJsonObject("data").getString("code"));
            assertEquals(CloseCodes.DECRYPTION_FAILED, stranger.awaitClose());
        }
    }

    @Test
    void anInvalidOfferIsRefusedWith4004EvenInOptionalMode() {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.send("{\"event\":\"authenticate\",\"data\":{\"user\":\"opt\",\"encryption\":{\"publicKey\":\"AAAA\"}}}");
            assertEquals(ErrorCodes.ENCRYPTION_REQUIRED, client.await("error").getJsonObject("data").getString("code"));
            assertEquals(CloseCodes.ENCRYPTION_REQUIRED, client.awaitClose());
        }
    }

    @Test
    void aResumedSessionIsSealedWithTheSameKeysAndContinuingCountersAndARefusalIsPlain() {
        SealedClient rita = SealedClient.connect(server.uri(), "rita");
        String id = rita.connected().getJsonObject("data").getString("id");
        String token = Resumes.token(rita.connected());
        rita.send("{\"event\":\"join\",\"data\":{\"rooms\":[\"resumers\"]}}");
        long lastSeq = rita.await("joined").getJsonNumber("seq").longValue();
        long counterBefore = rita.lastCounter();
        long sentBefore = rita.channel().lastSealed();
        rita.socket().abort();
        Eventually.until("suspended", () -> server.hub().client(id).map(c -> c.state() == ClientState.SUSPENDED)
                .orElse(false));
        server.hub().sendToRoom("resumers", "missed", 1, Set.of());
        server.hub().sendToClient(id, "missed", 2);

        try (WsClient refused = Resumes.resumeOn(server.uri(), token + "x", lastSeq)) {
            JsonObject answer = refused.await("resumed");
            assertFalse(Resumes.recovered(answer), "a refused resume is plain: " + answer);
        }

        rita.resumeOn(server.uri(), token, lastSeq);
        JsonObject resumed = rita.next();
        assertEquals("resumed", resumed.getString("event"), "resumed is sealed");
        assertTrue(Resumes.recovered(resumed));
        assertEquals(counterBefore + 1, rita.lastCounter(), "the server's counter continues");
        assertEquals(1, rita.await("missed").getInt("data"));
        assertEquals(2, rita.await("missed").getInt("data"));

        rita.emit("echo", "\"after-resume\"");
        assertEquals("after-resume", rita.await("echo").getString("data"));
        assertEquals(sentBefore + 1, rita.channel().lastSealed(), "the client's counter continued, and was accepted");
        rita.close();
        Eventually.until("ended", () -> server.hub().client(id).isEmpty());
    }

    @Test
    void theAuthenticatorNeverSeesTheOffer() {
        try (SealedClient typed = SealedClient.connect(server.uri(), "typed")) {
            assertNotNull(typed.connected().getJsonObject("data").getString("userId"));
            assertEquals("typed", typed.connected().getJsonObject("data").getString("userId"));
        }
    }
}
