package dev.switchboard.core.it;

import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every delivery verb against real sockets: alice has two sessions, bob one, and one client never authenticates. */
class DeliveryTest {

    static final Recorder recorder = new Recorder();
    static TestServer server;
    static Hub hub;

    WsClient alice1;
    WsClient alice2;
    WsClient bob;
    WsClient anonymous;
    String alice1Id;
    String alice2Id;
    String bobId;

    /** A payload type, to check JSON-B encodes objects as the client expects. */
    public record Move(int x, int y) {
    }

    @BeforeAll
    static void start() {
        hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .messageHandler(recorder).listener(recorder)
                .roomValidator((client, rooms) -> rooms)
                .build();
        server = TestServer.start(hub);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() {
        alice1 = WsClient.connect(server.uri());
        alice2 = WsClient.connect(server.uri());
        bob = WsClient.connect(server.uri());
        anonymous = WsClient.connect(server.uri());
        alice1Id = alice1.authenticate("alice").getJsonObject("data").getString("id");
        alice2Id = alice2.authenticate("alice").getJsonObject("data").getString("id");
        bobId = bob.authenticate("bob").getJsonObject("data").getString("id");
        for (WsClient client : List.of(alice1, bob)) {
            client.emit("join", "{\"rooms\":[\"lobby\"]}");
            client.await("joined");
        }
    }

    @AfterEach
    void disconnect() {
        for (WsClient client : List.of(alice1, alice2, bob, anonymous)) {
            client.close();
        }
        Eventually.until("all gone", () -> hub.clientCount() == 0);
    }

    @Test
    void sendToClientReachesOnlyThatClient() throws Exception {
        hub.sendToClient(alice2Id, "ping", new Move(1, 2));
        JsonObject frame = alice2.await("ping");
        assertEquals(1, frame.getJsonObject("data").getInt("x"));
        assertEquals(2, frame.getJsonObject("data").getInt("y"));
        assertNothingFor(alice1, bob, anonymous);
    }

    @Test
    void sendToUserReachesEverySessionOfTheUser() throws Exception {
        hub.sendToUser("alice", "note", Map.of("text", "hello"));
        assertEquals("hello", alice1.await("note").getJsonObject("data").getString("text"));
        assertEquals("hello", alice2.await("note").getJsonObject("data").getString("text"));
        assertNothingFor(bob, anonymous);
    }

    @Test
    void sendToRoomHonoursExclusions() throws Exception {
        hub.sendToRoom("lobby", "moved", new Move(3, 4), List.of(alice1Id));
        assertEquals(3, bob.await("moved").getJsonObject("data").getInt("x"));
        assertNothingFor(alice1, alice2, anonymous);

        hub.sendToRoom("lobby", "moved", new Move(5, 6));
        assertEquals(5, alice1.await("moved").getJsonObject("data").getInt("x"));
        assertEquals(5, bob.await("moved").getJsonObject("data").getInt("x"));
    }

    @Test
    void broadcastReachesAuthenticatedClientsOnlyAndHonoursExclusions() throws Exception {
        hub.broadcast("news", "extra", List.of(bobId));
        assertEquals("extra", alice1.await("news").getString("data"));
        assertEquals("extra", alice2.await("news").getString("data"));
        assertNothingFor(bob, anonymous);
    }

    @Test
    void messagesToOneClientKeepTheirOrder() {
        for (int i = 0; i < 500; i++) {
            hub.sendToClient(bobId, "n", i);
        }
        List<Integer> received = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            received.add(bob.await("n").getInt("data"));
        }
        for (int i = 0; i < 500; i++) {
            assertEquals(i, received.get(i));
        }
    }

    @Test
    void customEventsReachTheMessageHandler() {
        alice1.emit("chat", "{\"text\":\"hi\"}");
        alice1.emit("echo", "{\"n\":7}");
        assertEquals(7, alice1.await("echo").getJsonObject("data").getInt("n"));
        assertEquals(new Recorder.Received(alice1Id, "chat", "{\"text\":\"hi\"}"),
                recorder.messages.stream().filter(m -> m.event().equals("chat")).findFirst().orElseThrow());
    }

    @Test
    void aFailingHandlerAnswersInternalErrorWithoutDetails() {
        alice1.send("{\"event\":\"explode\",\"id\":\"r1\"}");
        JsonObject error = alice1.await("error");
        assertEquals("r1", error.getString("id"));
        assertEquals(ErrorCodes.INTERNAL_ERROR, error.getJsonObject("data").getString("code"));
        assertEquals("Internal error", error.getJsonObject("data").getString("message"));
        assertFalse(error.toString().contains("secret detail"));
        alice1.emit("echo", "1");
        assertEquals(1, alice1.await("echo").getInt("data"), "the connection survives");
    }

    /**
     * Nothing reached these clients: the hub queued its frames before the verb returned, so a
     * barrier round trip on each socket now is answered after anything that was queued for it.
     */
    private static void assertNothingFor(WsClient... clients) {
        for (WsClient client : clients) {
            client.assertNothingPending("nothing for this client");
        }
    }
}
