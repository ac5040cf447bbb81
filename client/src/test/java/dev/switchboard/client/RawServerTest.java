package dev.switchboard.client;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.switchboard.client.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK against a scripted server endpoint that misbehaves on purpose: malformed frames,
 * fragmented frames, stray protocol frames; and what the client puts on the wire.
 */
class RawServerTest {

    static final String BIG = "x".repeat(200_000);
    static final List<String> inbound = new CopyOnWriteArrayList<>();
    static final List<String> subprotocols = new CopyOnWriteArrayList<>();
    static TestServer server;

    /** Records what clients send; on the event {@code script} it plays the misbehaving sequence. */
    @ServerEndpoint(value = "/raw", subprotocols = "switchboard.v1")
    public static class ScriptedEndpoint {

        @OnOpen
        public void open(Session session) {
            subprotocols.add(session.getNegotiatedSubprotocol());
        }

        @OnMessage
        public void message(Session session, String text) throws IOException {
            inbound.add(text);
            if (!text.contains("\"script\"")) {
                return;
            }
            var remote = session.getBasicRemote();
            remote.sendText("not json at all");
            remote.sendText("[1,2,3]");
            remote.sendText("{\"event\":5}");
            remote.sendText("{\"data\":{\"no\":\"event\"}}");
            remote.sendText("{\"event\":\"response\",\"id\":\"999\",\"data\":1}");
            remote.sendText("{\"event\":\"cancel\",\"id\":\"nothing\"}");
            remote.sendText("{\"event\":\"joined\",\"data\":{\"rooms\":[]}}");
            remote.sendText("{\"event\":\"error\",\"data\":\"no code\"}");
            remote.sendText("{\"event\":\"request\",\"method\":\"no:id\"}");
            String big = "{\"event\":\"big\",\"data\":\"" + BIG + "\"}";
            int third = big.length() / 3;
            remote.sendText(big.substring(0, third), false);
            remote.sendText(big.substring(third, 2 * third), false);
            remote.sendText(big.substring(2 * third), true);
            remote.sendText("{\"event\":\"after\",\"data\":\"still here\"}");
        }
    }

    @BeforeAll
    static void start() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        server = TestServer.start(hub, ScriptedEndpoint.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void malformedFramesAreIgnoredAndFragmentedFramesReassembled() {
        SwitchboardClient client = SwitchboardClient.builder(server.uri("/raw")).heartbeatInterval(null).build();
        try (client) {
            List<Integer> bigSizes = new CopyOnWriteArrayList<>();
            CompletableFuture<String> after = new CompletableFuture<>();
            client.on("big", String.class, text -> bigSizes.add(text.length()));
            client.on("after", String.class, after::complete);
            await(client.connect());
            await(client.emit("script", null));
            assertEquals("still here", await(after));
            assertEquals(List.of(BIG.length()), bigSizes);
            assertTrue(client.isOpen());
            assertEquals(List.of("switchboard.v1"), subprotocols.subList(subprotocols.size() - 1, subprotocols.size()));
        }
    }

    @Test
    void heartbeatsGoOnTheWireAtTheConfiguredPeriod() {
        SwitchboardClient client = SwitchboardClient.builder(server.uri("/raw"))
                .heartbeatInterval(Duration.ofMillis(50)).build();
        try (client) {
            await(client.connect());
            Eventually.until("three heartbeats", () -> inbound.stream()
                    .filter(frame -> frame.equals("{\"event\":\"heartbeat\"}")).count() >= 3);
        }
    }
}
