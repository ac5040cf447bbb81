package dev.switchboard.client;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.switchboard.client.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** De-duplication by {@code seq} on the live stream, against a scripted server that repeats messages. */
class SequenceTest {

    /** Answers {@code authenticate}, then sends seq 1, 2, 2, 1, 3 (and a message without seq), then {@code done}. */
    @ServerEndpoint(value = "/repeating", subprotocols = "switchboard.v1")
    public static class RepeatingEndpoint {

        @OnMessage
        public void message(Session session, String text) throws IOException {
            if (!text.contains("\"authenticate\"")) {
                return;
            }
            var remote = session.getBasicRemote();
            remote.sendText("{\"event\":\"connected\",\"data\":{\"id\":\"c1\",\"userId\":\"alice\",\"time\":1,\"token\":\"t\"}}");
            for (int seq : new int[] {1, 2, 2, 1, 3}) {
                remote.sendText("{\"event\":\"n\",\"seq\":" + seq + ",\"data\":" + seq + "}");
            }
            remote.sendText("{\"event\":\"n\",\"data\":0}");
            remote.sendText("{\"event\":\"done\"}");
        }
    }

    @Test
    void aMessageWhoseSeqWasAlreadyProcessedIsDropped() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        try (TestServer server = TestServer.start(hub, RepeatingEndpoint.class);
             SwitchboardClient client = SwitchboardClient.builder(server.uri("/repeating")).build()) {
            List<Integer> received = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            client.on("n", Integer.class, received::add);
            client.on("done", payload -> done.complete(null));
            await(client.connect());
            await(client.authenticate(Map.of("user", "alice")));
            await(done);
            assertEquals(List.of(1, 2, 3, 0), received, "repeats dropped; messages without seq always delivered");
        }
    }
}
