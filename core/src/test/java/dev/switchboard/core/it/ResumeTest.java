package dev.switchboard.core.it;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.switchboard.core.testing.Resumes.id;
import static dev.switchboard.core.testing.Resumes.reason;
import static dev.switchboard.core.testing.Resumes.recovered;
import static dev.switchboard.core.testing.Resumes.resume;
import static dev.switchboard.core.testing.Resumes.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Suspension, resume with replay, expiry, overflow, takeover and configuration, on a real server. */
class ResumeTest {

    private final Recorder recorder = new Recorder();

    private Hub hub(Resumption resumption) {
        return Resumes.hub(recorder, resumption).build();
    }

    private static long seq(JsonObject frame) {
        return frame.getJsonNumber("seq").longValue();
    }

    @Test
    void connectedCarriesATokenAndReplayableMessagesCarryConsecutiveSeq() {
        try (TestServer server = TestServer.start(hub(Resumption.enabled(Resumes.KEY)));
             WsClient client = WsClient.connect(server.uri())) {
            JsonObject connected = client.authenticate("alice");
            assertFalse(connected.containsKey("seq"), "connected is not replayable");
            assertEquals(3, token(connected).split("\\.").length, "a JWS compact token");
            String id = id(connected);
            server.hub().sendToClient(id, "n", 1);
            server.hub().sendToUser("alice", "n", 2);
            client.emit("join", "{\"rooms\":[\"r\"]}");
            assertEquals(1, seq(client.await("n")));
            assertEquals(2, seq(client.await("n")));
            JsonObject joined = client.await("joined");
            assertEquals(3, seq(joined), "joined/left are replayable");
            server.hub().sendToRoom("r", "n", 3, List.of());
            assertEquals(4, seq(client.await("n")));
            client.emit("nope", null);
            JsonObject error = client.await("error");
            assertFalse(error.containsKey("seq"), "errors are not replayable");
            server.hub().broadcast("n", 4, List.of());
            assertEquals(5, seq(client.await("n")));
        }
    }

    @Test
    void anAbruptDropSuspendsAndResumeReplaysWhatWasMissedThenContinuesLive() {
        Hub hub = hub(Resumption.enabled(Resumes.KEY));
        try (TestServer server = TestServer.start(hub);
             WsClient first = WsClient.connect(server.uri())) {
            JsonObject connected = first.authenticate("alice");
            String id = id(connected);
            first.emit("join", "{\"rooms\":[\"r\"]}");
            assertEquals(1, seq(first.await("joined")));
            first.abort();
            Eventually.until("suspended", () -> hub.client(id).map(c -> c.state() == ClientState.SUSPENDED).orElse(false));
            Eventually.until("onSuspended", () -> recorder.suspended.equals(List.of(id)));
            assertEquals(Set.of(id), hub.clientsInRoom("r"), "a suspended session stays in its rooms");
            assertEquals(Set.of(id), hub.clientsOfUser("alice"), "and in its user's index");

            hub.sendToRoom("r", "m", 2, List.of());
            hub.sendToUser("alice", "m", 3);
            hub.broadcast("m", 4, List.of());
            hub.sendToClient(id, "m", 5);

            try (WsClient second = WsClient.connect(server.uri())) {
                JsonObject resumed = resume(second, token(connected), 1);
                JsonObject data = resumed.getJsonObject("data");
                assertTrue(data.getBoolean("recovered"));
                assertEquals(id, data.getString("id"));
                assertEquals("alice", data.getString("userId"));
                assertEquals(4, data.getInt("replayed"));
                assertNotEquals(token(connected), token(resumed), "the token rotates");
                assertFalse(resumed.containsKey("seq"));
                for (int n = 2; n <= 5; n++) {
                    JsonObject frame = second.next();
                    assertEquals(n, seq(frame), frame.toString());
                    assertEquals(n, frame.getInt("data"));
                }
                hub.sendToClient(id, "m", 6);
                assertEquals(6, seq(second.await("m")));
                Eventually.equal("onResumed", List.of(id), () -> List.copyOf(recorder.resumed));
                assertEquals(ClientState.AUTHENTICATED, hub.client(id).orElseThrow().state());
                assertEquals(1, hub.clientCount(), "the resuming socket's own connection is gone");
                assertTrue(recorder.disconnected.isEmpty());
            }
        }
    }

    @Test
    void aCleanCloseEndsTheSessionAtOnce() {
        Hub hub = hub(Resumption.enabled(Resumes.KEY));
        try (TestServer server = TestServer.start(hub)) {
            WsClient client = WsClient.connect(server.uri());
            JsonObject connected = client.authenticate("alice");
            client.close();
            Eventually.until("disconnected with 1000", () -> recorder.disconnected.stream()
                    .anyMatch(d -> d.clientId().equals(id(connected)) && d.code() == CloseCodes.NORMAL));
            assertTrue(recorder.suspended.isEmpty());
            assertEquals(0, hub.clientCount());
            try (WsClient again = WsClient.connect(server.uri())) {
                JsonObject resumed = resume(again, token(connected), 0);
                assertFalse(recovered(resumed));
                assertEquals("INVALID_TOKEN", reason(resumed));
            }
        }
    }

    @Test
    void anExpiredSessionIsSweptAndCannotBeResumed() {
        Hub hub = hub(Resumption.enabled(Resumes.KEY).ttl(Duration.ofMillis(300)));
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri())) {
            JsonObject connected = client.authenticate("alice");
            client.emit("join", "{\"rooms\":[\"r\"]}");
            client.await("joined");
            client.abort();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            Eventually.until("expired", () -> !recorder.disconnected.isEmpty());
            assertEquals(List.of(new Recorder.Disconnect(id(connected), "alice", CloseCodes.SESSION_EXPIRED)),
                    recorder.disconnected);
            assertEquals(0, hub.clientCount());
            assertEquals(0, hub.userCount());
            assertEquals(0, hub.roomCount());
            try (WsClient again = WsClient.connect(server.uri())) {
                JsonObject resumed = resume(again, token(connected), 1);
                assertFalse(recovered(resumed));
                assertEquals("INVALID_TOKEN", reason(resumed));
                assertEquals(0, resumed.getJsonObject("data").getInt("replayed"));
                assertFalse(resumed.getJsonObject("data").containsKey("token"));
                again.authenticate("alice");
            }
            assertTrue(recorder.resumed.isEmpty());
        }
    }

    @Test
    void aBufferThatOverflowedWhileSuspendedCannotRecoverAndTheSocketMayAuthenticate() throws Exception {
        Hub hub = hub(Resumption.enabled(Resumes.KEY).bufferSize(5));
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri())) {
            JsonObject connected = client.authenticate("alice");
            String id = id(connected);
            hub.sendToClient(id, "m", 1);
            assertEquals(1, seq(client.await("m")));
            client.abort();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            for (int n = 2; n <= 10; n++) {
                hub.sendToClient(id, "m", n);
            }
            try (WsClient again = WsClient.connect(server.uri())) {
                JsonObject resumed = resume(again, token(connected), 1);
                assertFalse(recovered(resumed), "seq 2..5 are gone: no partial replay");
                assertEquals("MESSAGES_LOST", reason(resumed));
                again.assertNothingPending("nothing replayed");
                Eventually.until("the session ended", () -> !recorder.disconnected.isEmpty());
                assertEquals(CloseCodes.SESSION_NOT_RECOVERED, recorder.disconnected.get(0).code());
                assertTrue(hub.client(id).isEmpty());
                JsonObject fresh = again.authenticate("alice");
                assertNotEquals(id, id(fresh), "authenticating anew starts a new session");
            }
        }
    }

    @Test
    void aLastSeqInsideTheBufferStillRecoversAfterOlderMessagesWereEvicted() {
        Hub hub = hub(Resumption.enabled(Resumes.KEY).bufferSize(5));
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri())) {
            JsonObject connected = client.authenticate("alice");
            String id = id(connected);
            for (int n = 1; n <= 20; n++) {
                hub.sendToClient(id, "m", n);
            }
            for (int n = 1; n <= 20; n++) {
                assertEquals(n, seq(client.await("m")));
            }
            client.abort();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            hub.sendToClient(id, "m", 21);
            try (WsClient again = WsClient.connect(server.uri())) {
                JsonObject resumed = resume(again, token(connected), 20);
                assertTrue(recovered(resumed));
                assertEquals(1, resumed.getJsonObject("data").getInt("replayed"));
                assertEquals(21, seq(again.await("m")));
            }
        }
    }

    @Test
    void aSecondSocketTakesOverAnAttachedSessionAndTheOldOneIsClosedWith4005() throws Exception {
        Hub hub = hub(Resumption.enabled(Resumes.KEY));
        try (TestServer server = TestServer.start(hub);
             WsClient first = WsClient.connect(server.uri());
             WsClient second = WsClient.connect(server.uri())) {
            JsonObject connected = first.authenticate("alice");
            String id = id(connected);
            hub.sendToClient(id, "m", 1);
            assertEquals(1, seq(first.await("m")));
            hub.sendToClient(id, "m", 2);
            JsonObject resumed = resume(second, token(connected), 1);
            assertTrue(recovered(resumed));
            assertEquals(CloseCodes.SESSION_TAKEN_OVER, first.awaitClose());
            assertEquals(2, seq(second.await("m")), "what the old socket may not have delivered is replayed");
            // Not a barrier: the container reports the old socket's close some time after the client saw
            // 4005, and handling it must have no observable effect at all (that is what is checked), so
            // there is no event to wait for. A sleep gives the close callback time to run first.
            Thread.sleep(200);
            assertEquals(ClientState.AUTHENTICATED, hub.client(id).orElseThrow().state(),
                    "the old socket's close neither suspends nor ends the session");
            assertTrue(recorder.suspended.isEmpty());
            assertTrue(recorder.disconnected.isEmpty());
            Eventually.equal("onResumed", List.of(id), () -> List.copyOf(recorder.resumed));
            hub.sendToClient(id, "m", 3);
            assertEquals(3, seq(second.await("m")));
        }
    }

    @Test
    void anAttachedSessionGetsItsTokenRefreshedSoItNeverExpiresBeforeTheSession() throws Exception {
        Hub hub = hub(Resumption.enabled(Resumes.KEY).ttl(Duration.ofMillis(500)));
        try (TestServer server = TestServer.start(hub)) {
            WsClient client = WsClient.connect(server.uri());
            JsonObject connected = client.authenticate("alice");
            long start = System.nanoTime();
            String token = token(connected);
            while (System.nanoTime() - start < Duration.ofMillis(1500).toNanos()) {
                JsonObject refresh = client.await("token");
                assertFalse(refresh.containsKey("seq"), "a refresh is not replayable");
                token = refresh.getJsonObject("data").getString("token");
            }
            assertNotEquals(token(connected), token);
            client.abort();
            Eventually.until("suspended", () -> recorder.suspended.size() == 1);
            try (WsClient again = WsClient.connect(server.uri())) {
                assertTrue(recovered(resume(again, token, 0)),
                        "connected for three TTLs, the latest token still resumes");
            }
        }
    }

    @Test
    void resumeIsOnlyAFirstMessageAndMustBeWellFormed() {
        try (TestServer server = TestServer.start(hub(Resumption.enabled(Resumes.KEY)));
             WsClient client = WsClient.connect(server.uri())) {
            client.send("{\"event\":\"resume\",\"data\":{\"token\":\"x\"}}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, client.await("error").getJsonObject("data").getString("code"));
            client.send("{\"event\":\"resume\",\"data\":{\"token\":\"x\",\"lastSeq\":-1}}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, client.await("error").getJsonObject("data").getString("code"));
            JsonObject connected = client.authenticate("alice");
            client.send("{\"event\":\"resume\",\"data\":{\"token\":\"" + token(connected) + "\",\"lastSeq\":0}}");
            assertEquals(ErrorCodes.ALREADY_AUTHENTICATED, client.await("error").getJsonObject("data").getString("code"));
        }
    }

    @Test
    void resumptionIsOffByDefault() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).listener(recorder).build();
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri());
             WsClient other = WsClient.connect(server.uri())) {
            JsonObject connected = client.authenticate("alice");
            assertFalse(connected.getJsonObject("data").containsKey("token"));
            hub.sendToClient(id(connected), "m", 1);
            assertFalse(client.await("m").containsKey("seq"));
            JsonObject resumed = resume(other, "anything", 0);
            assertFalse(recovered(resumed));
            assertEquals("RESUME_DISABLED", reason(resumed));
            other.authenticate("bob");
            client.abort();
            Eventually.until("a lost socket ends the connection at once", () -> recorder.disconnected.size() == 1);
            assertTrue(recorder.suspended.isEmpty());
        }
    }

    @Test
    void startupFailsWithoutAUsableConnectionKey() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Resumes.hub(recorder, Resumption.enabled((String) null)).build());
        assertTrue(missing.getMessage().contains("no connection key"), missing.getMessage());
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> Resumes.hub(recorder, Resumption.enabled("thirty-one bytes are not enough")).build());
        assertTrue(shortKey.getMessage().contains("at least 32 bytes"), shortKey.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Resumes.hub(recorder, Resumption.enabled(Resumes.KEY).ttl(Duration.ZERO)).build());
        assertThrows(IllegalArgumentException.class,
                () -> Resumes.hub(recorder, Resumption.enabled(Resumes.KEY).bufferSize(0)).build());
    }
}
