package dev.switchboard.core.it;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.api.Client;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops reading fills the TCP buffers and then its outbound queue. The client's
 * reader is paused only after it authenticated, so the server's writes back up for real.
 */
class BackpressureTest {

    private static final String CHUNK = "x".repeat(16 * 1024);

    private static Hub hub(Recorder recorder, OverflowPolicy policy) {
        return Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).listener(recorder)
                .maxQueuedBytes(256 * 1024).overflowPolicy(policy).build();
    }

    /** Connects, authenticates, and leaves the client paused (it reads nothing more until resumed). */
    private static String pausedAuthenticatedClient(WsClient client, Hub hub) {
        client.emit("authenticate", "{\"user\":\"slow\"}");
        client.resume();
        JsonObject connected = client.await("connected");
        return connected.getJsonObject("data").getString("id");
    }

    @Test
    void slowConsumerIsClosedWith1013AndForgotten() {
        Recorder recorder = new Recorder();
        Hub hub = hub(recorder, OverflowPolicy.CLOSE);
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri(), true, List.of());
             WsClient healthy = WsClient.connect(server.uri())) {
            String id = pausedAuthenticatedClient(client, hub);
            healthy.authenticate("fast");
            int sent = 0;
            while (hub.client(id).isPresent() && sent < 10_000) {
                hub.sendToClient(id, "bulk", CHUNK);
                sent++;
            }
            assertTrue(hub.client(id).isEmpty(), "slow consumer still connected after " + sent + " messages");
            Eventually.until("disconnect callback with 1013", () -> recorder.disconnected.stream()
                    .anyMatch(d -> d.clientId().equals(id) && d.code() == CloseCodes.TRY_AGAIN_LATER));
            assertEquals(java.util.Set.of(), hub.clientsOfUser("slow"));

            hub.sendToUser("fast", "still", "alive");
            assertEquals("alive", healthy.await("still").getString("data"), "other clients are unaffected");

            client.socket().request(Long.MAX_VALUE);
            assertEquals(CloseCodes.TRY_AGAIN_LATER, client.awaitClose());
        }
    }

    @Test
    void dropPolicyKeepsTheConnectionAndReportsDrain() {
        Recorder recorder = new Recorder();
        Hub hub = hub(recorder, OverflowPolicy.DROP);
        try (TestServer server = TestServer.start(hub);
             WsClient client = WsClient.connect(server.uri(), true, List.of())) {
            String id = pausedAuthenticatedClient(client, hub);
            Client view = hub.client(id).orElseThrow();
            int sent = 0;
            while (view.droppedMessages() == 0 && sent < 10_000) {
                hub.sendToClient(id, "bulk", CHUNK);
                sent++;
            }
            assertTrue(view.droppedMessages() > 0, "the queue never filled up");
            assertTrue(view.isBackpressured());
            assertTrue(hub.client(id).isPresent(), "DROP keeps the connection");
            // Drains may have happened while the kernel's socket buffers were still absorbing writes.
            recorder.drained.clear();

            client.socket().request(Long.MAX_VALUE);
            Eventually.until("drain callback", () -> recorder.drained.contains(id));
            assertTrue(!view.isBackpressured());
            hub.sendToClient(id, "after", "drain");
            assertEquals("drain", client.await("after").getString("data"));
        }
    }
}
