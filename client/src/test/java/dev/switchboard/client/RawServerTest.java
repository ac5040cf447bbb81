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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    static final List<String> joins = new CopyOnWriteArrayList<>();
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final Pattern ROOMS = Pattern.compile("\"rooms\":(\\[[^\\]]*\\])");
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
            if (text.contains("\"event\":\"join\"")) {
                answerJoinsInReverse(session, text);
                return;
            }
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

    /** Holds the first of two joins and answers both in reverse order, each {@code joined} echoing its id. */
    private static void answerJoinsInReverse(Session session, String join) throws IOException {
        joins.add(join);
        if (joins.size() < 2) {
            return;
        }
        for (String held : List.of(joins.get(1), joins.get(0))) {
            Matcher id = ID.matcher(held);
            Matcher rooms = ROOMS.matcher(held);
            assertTrue(id.find() && rooms.find(), held);
            session.getBasicRemote().sendText("{\"event\":\"joined\",\"id\":\"" + id.group(1)
                    + "\",\"data\":{\"rooms\":" + rooms.group(1) + ",\"rejected\":[]}}");
        }
        joins.clear();
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
    void roomRepliesAreMatchedToTheirRequestsByIdNotByOrder() {
        SwitchboardClient client = SwitchboardClient.builder(server.uri("/raw")).heartbeatInterval(null).build();
        try (client) {
            await(client.connect());
            CompletableFuture<Rooms> first = client.join("first");
            CompletableFuture<Rooms> second = client.join("second");
            assertEquals(List.of("first"), await(first).rooms());
            assertEquals(List.of("second"), await(second).rooms());
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
