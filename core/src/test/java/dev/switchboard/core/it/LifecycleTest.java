package dev.switchboard.core.it;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.HubBuilder;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heartbeat timeout, graceful shutdown, and indexes left empty after many connections come and go. */
class LifecycleTest {

    private static HubBuilder hub(Recorder recorder) {
        return Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).listener(recorder)
                .roomValidator((client, rooms) -> rooms);
    }

    /**
     * One heartbeat, then a pause of one heartbeat interval. Not a barrier: the server's idle
     * timeout runs on its own wall clock, and a client that beats on a schedule is the thing under
     * test, so the pause paces the client.
     */
    private static void beat(WsClient client) throws InterruptedException {
        client.emit("heartbeat", null);
        Thread.sleep(100);
    }

    @Test
    void silentClientIsClosedWith4002WhileOneSendingHeartbeatsStays() throws Exception {
        Recorder recorder = new Recorder();
        Hub hub = hub(recorder).heartbeatInterval(Duration.ofMillis(100)).heartbeatTimeout(Duration.ofMillis(600)).build();
        try (TestServer server = TestServer.start(hub);
             WsClient silent = WsClient.connect(server.uri());
             WsClient beating = WsClient.connect(server.uri())) {
            silent.authenticate("quiet");
            beating.authenticate("lively");
            long start = System.nanoTime();
            while (!silent.isClosed() && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                beat(beating);
            }
            assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, silent.awaitClose());
            for (int i = 0; i < 8; i++) {
                beat(beating);
            }
            beating.assertNothingPending("no close frame: heartbeats keep a connection alive");
            assertFalse(beating.isClosed(), "heartbeats keep a connection alive");
            assertEquals(1, hub.clientsOfUser("lively").size());
            assertEquals(0, hub.clientsOfUser("quiet").size());
        }
    }

    @Test
    void shutdownClosesEveryoneWith1001RunsCallbacksAndIsIdempotent() {
        Recorder recorder = new Recorder();
        Hub hub = hub(recorder).build();
        TestServer server = TestServer.start(hub);
        try {
            List<WsClient> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                WsClient client = WsClient.connect(server.uri());
                client.authenticate("user" + i);
                clients.add(client);
            }
            WsClient pending = WsClient.connect(server.uri());
            Eventually.until("all registered", () -> hub.clientCount() == 6);

            hub.shutdown();
            for (WsClient client : clients) {
                assertEquals(CloseCodes.GOING_AWAY, client.awaitClose());
            }
            assertEquals(CloseCodes.GOING_AWAY, pending.awaitClose());
            assertEquals(5, recorder.disconnected.stream().filter(d -> d.code() == CloseCodes.GOING_AWAY).count());
            assertIndexesEmpty(hub);

            hub.shutdown();
            assertTrue(hub.isShutdown());
            WsClient late = WsClient.connect(server.uri());
            assertEquals(CloseCodes.GOING_AWAY, late.awaitClose());
            assertIndexesEmpty(hub);
        } finally {
            server.close();
        }
    }

    @Test
    void indexesAreEmptyAfterManyClientsComeAndGoGracefullyOrAbruptly() {
        Recorder recorder = new Recorder();
        Hub hub = hub(recorder).build();
        int n = 60;
        try (TestServer server = TestServer.start(hub)) {
            List<WsClient> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                WsClient client = WsClient.connect(server.uri());
                if (i % 3 != 2) {
                    client.authenticate("user" + (i % 7));
                    client.emit("join", "{\"rooms\":[\"room-" + (i % 5) + "\",\"shared\"]}");
                    client.await("joined");
                }
                clients.add(client);
            }
            Eventually.until("all open", () -> hub.clientCount() == n);
            assertTrue(hub.roomCount() > 5);
            for (int i = 0; i < n; i++) {
                if (i % 2 == 0) {
                    clients.get(i).close();
                } else {
                    clients.get(i).abort();
                }
            }
            Eventually.until("client index empty", () -> hub.clientCount() == 0);
            Eventually.until("user index empty", () -> hub.userCount() == 0);
            Eventually.until("room index empty", () -> hub.roomCount() == 0);
            assertEquals(40, recorder.disconnected.size(), "one callback per authenticated client");
        }
    }

    private static void assertIndexesEmpty(Hub hub) {
        assertEquals(0, hub.clientCount());
        assertEquals(0, hub.userCount());
        assertEquals(0, hub.roomCount());
    }
}
