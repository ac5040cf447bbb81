package dev.switchboard.core.it;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticationTest {

    static final Recorder recorder = new Recorder();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Hub.builder()
                .authenticator(new TestAuthenticator())
                .listener(recorder)
                .discoverHooks(false)
                .authTimeout(Duration.ofMillis(600))
                .build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void authenticatedClientIsIndexedAndJoinsDefaultAndOwnRooms() {
        try (WsClient client = WsClient.connect(server.uri("/ws/acme"), false, List.of("X-Trace", "t-1"))) {
            JsonObject connected = client.authenticate("alice");
            JsonObject data = connected.getJsonObject("data");
            String id = data.getString("id");
            assertEquals("alice", data.getString("userId"));
            assertTrue(Math.abs(System.currentTimeMillis() - data.getJsonNumber("time").longValue()) < 60_000);

            Hub hub = server.hub();
            assertEquals(Set.of(id), hub.clientsOfUser("alice"));
            assertEquals(Set.of(id, "ws-default", "ws-notification"), hub.roomsOf(id));
            var view = hub.client(id).orElseThrow();
            assertEquals(ClientState.AUTHENTICATED, view.state());
            assertEquals(Map.of("role", "user"), view.metadata());
            assertEquals("acme", view.handshake().pathParameter("tenant"));
            assertEquals("t-1", view.handshake().header("x-trace"));
            assertTrue(view.handshake().header("host").startsWith("127.0.0.1:"), view.handshake().headers().toString());
            assertEquals(null, view.handshake().header("upgrade"), "the upgrade's own headers are not kept");
            assertEquals(null, view.handshake().header("sec-websocket-version"));
            assertTrue(view.handshake().header("sec-websocket-key") != null, "the key names the TCP connection");
            assertEquals("switchboard.v1", view.handshake().subprotocol());
            assertTrue(view.handshake().remoteAddress().startsWith("127.0.0.1"), view.handshake().remoteAddress());
            Eventually.until("onConnected", () -> recorder.connected.contains(id));
        }
    }

    @Test
    void aClientThatReceivedConnectedIsAlreadyReachable() {
        for (int i = 0; i < 40; i++) {
            try (WsClient client = WsClient.connect(server.uri())) {
                String id = client.authenticate("eager").getJsonObject("data").getString("id");
                server.hub().sendToClient(id, "direct", i);
                server.hub().sendToRoom(id, "own-room", i);
                assertEquals(i, client.await("direct").getInt("data"));
                assertEquals(i, client.await("own-room").getInt("data"));
            }
        }
    }

    @Test
    void silentClientIsClosedWith4001() {
        try (WsClient client = WsClient.connect(server.uri())) {
            assertEquals(CloseCodes.AUTH_TIMEOUT, client.awaitClose());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reject", "boom", "broken", "silent"})
    void rejectedFailedOrUnansweredAuthenticationGetsErrorThen4003(String user) {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.emit("authenticate", "{\"user\":\"" + user + "\"}");
            JsonObject error = client.await("error").getJsonObject("data");
            assertEquals(ErrorCodes.AUTHENTICATION_FAILED, error.getString("code"));
            assertEquals(CloseCodes.AUTH_FAILED, client.awaitClose());
        }
    }

    @Test
    void credentialsOfTheWrongShapeFailWith4003() {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.emit("authenticate", "[1,2,3]");
            assertEquals(ErrorCodes.AUTHENTICATION_FAILED, client.await("error").getJsonObject("data").getString("code"));
            assertEquals(CloseCodes.AUTH_FAILED, client.awaitClose());
        }
    }

    @Test
    void eventsBeforeAuthenticationAreRefusedButTheConnectionStays() throws Exception {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.emit("join", "{\"rooms\":[\"x\"]}");
            JsonObject error = client.next();
            assertEquals("error", error.getString("event"));
            assertEquals(ErrorCodes.NOT_AUTHENTICATED, error.getJsonObject("data").getString("code"));
            assertEquals("Not authenticated", error.getJsonObject("data").getString("message"));

            client.emit("heartbeat", null);
            client.assertNothingPending("heartbeat needs no answer");
            client.authenticate("bob");
        }
    }

    @Test
    void secondAuthenticateIsRefused() {
        try (WsClient client = WsClient.connect(server.uri())) {
            client.authenticate("carol");
            client.emit("authenticate", "{\"user\":\"mallory\"}");
            JsonObject error = client.await("error").getJsonObject("data");
            assertEquals(ErrorCodes.ALREADY_AUTHENTICATED, error.getString("code"));
            assertEquals(Set.of(), server.hub().clientsOfUser("mallory"));
        }
    }

    @Test
    void disconnectCallbackSeesTheCloseCode() {
        String id;
        try (WsClient client = WsClient.connect(server.uri())) {
            id = client.authenticate("dave").getJsonObject("data").getString("id");
        }
        Eventually.until("onDisconnected for dave", () -> recorder.disconnected.stream()
                .anyMatch(d -> d.clientId().equals(id) && d.userId().equals("dave") && d.code() == CloseCodes.NORMAL));
        assertEquals(Set.of(), server.hub().clientsOfUser("dave"));
    }
}
