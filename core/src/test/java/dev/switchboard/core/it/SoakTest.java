package dev.switchboard.core.it;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Recorder;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Churn at a live server: many clients authenticate, join and leave rooms, receive room messages,
 * close cleanly, die abruptly, resume (some die again) while messages flow; afterwards every index
 * is empty, every session ended exactly once (suspended ones through their TTL), and the heap is back
 * near where it started. Smoke size in {@code mvn verify}; run it longer by hand with
 * {@code -Dswitchboard.soak.clients=5000}.
 */
class SoakTest {

    private static final int CLIENTS = Integer.getInteger("switchboard.soak.clients", 240);
    private static final int ROOMS = 8;
    private static final long HEAP_SLACK_BYTES = 48L * 1024 * 1024;

    @Test
    void churnLeavesNoConnectionSessionRoomOrHeapBehind() throws Exception {
        Recorder recorder = new Recorder();
        Hub hub = Resumes.hub(recorder, Resumption.enabled(Resumes.KEY).ttl(Duration.ofSeconds(3))).build();
        ExecutorService workers = Executors.newFixedThreadPool(16);
        try (TestServer server = TestServer.start(hub)) {
            lifecycle(server, hub, 0);
            Eventually.until("the warm-up client's session ended", () -> hub.clientCount() == 0, Duration.ofSeconds(20));
            long before = usedHeapAfterGc();
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 1; i <= CLIENTS; i++) {
                int client = i;
                runs.add(workers.submit(() -> lifecycle(server, hub, client)));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
            Eventually.until("every index empty", () -> hub.clientCount() == 0 && hub.userCount() == 0
                    && hub.roomCount() == 0 && hub.requestsInFlight() == 0, Duration.ofSeconds(30));
            Eventually.until("every session ended once", () -> recorder.disconnected.size() == CLIENTS + 1,
                    Duration.ofSeconds(30));
            assertEquals(CLIENTS + 1, recorder.connected.size());
            long after = usedHeapAfterGc();
            System.out.printf("soak: %d clients, heap %d KB before, %d KB after%n", CLIENTS, before / 1024, after / 1024);
            assertTrue(after - before < HEAP_SLACK_BYTES,
                    "the heap returns near its start: " + before / 1024 + " KB before, " + after / 1024 + " KB after");
        } finally {
            workers.shutdownNow();
        }
    }

    /** One client's life; the kind of ending rotates with its number. */
    private static void lifecycle(TestServer server, Hub hub, int n) {
        WsClient client = WsClient.connect(server.uri());
        JsonObject connected = client.authenticate("user-" + n % 40);
        String first = "soak-" + n % ROOMS;
        String second = "soak-" + (n + 3) % ROOMS;
        client.send("{\"event\":\"join\",\"id\":\"j\",\"data\":{\"rooms\":[\"" + first + "\",\"" + second + "\"]}}");
        client.await("joined");
        hub.sendToRoom(first, "tick", n);
        hub.sendToRoom(second, "tick", n);
        long seq = client.await("tick").getJsonNumber("seq").longValue();
        switch (n % 4) {
            case 0 -> {
                client.send("{\"event\":\"leave\",\"id\":\"l\",\"data\":{\"rooms\":[\"" + second + "\"]}}");
                client.await("left");
                client.close();
            }
            case 1 -> client.abort();
            default -> {
                client.abort();
                hub.sendToRoom(first, "while-away", n);
                WsClient again = Resumes.resumeOn(server.uri(), Resumes.token(connected), seq);
                JsonObject resumed = again.await("resumed");
                assertTrue(Resumes.recovered(resumed), resumed.toString());
                while (again.await("while-away").getInt("data") != n) {
                    // another client's message to the same room: keep reading until this one's
                }
                if (n % 4 == 2) {
                    again.close();
                } else {
                    again.abort();
                }
            }
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
