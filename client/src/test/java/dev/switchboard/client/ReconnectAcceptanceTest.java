package dev.switchboard.client;

import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.NumberedStream;
import dev.switchboard.core.testing.TcpProxy;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static dev.switchboard.client.Clients.await;
import static dev.switchboard.core.testing.NumberedStream.KILLS;
import static dev.switchboard.core.testing.NumberedStream.TOTAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test of reconnection with the SDK: 10,000 numbered messages reach the handler
 * exactly once and in order while a proxy resets the client's TCP connection (RST, no close frame)
 * at random points; the client reconnects and resumes by itself.
 */
class ReconnectAcceptanceTest {

    @Test
    void tenThousandMessagesReachTheHandlerExactlyOnceInOrderAcrossFiveResets() throws Exception {
        NumberedStream.Setting run = NumberedStream.setting();
        long seed = run.seed();
        try (TestServer server = TestServer.start(run.hub()); TcpProxy proxy = new TcpProxy(server.port());
             SwitchboardClient client = SwitchboardClient.builder(proxy.uri("/ws/acme"))
                     .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500)).build()) {
            List<Integer> received = new CopyOnWriteArrayList<>();
            List<Integer> replayed = new CopyOnWriteArrayList<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            List<Integer> closes = new CopyOnWriteArrayList<>();
            client.on("n", Integer.class, received::add);
            client.onResumed(replayed::add);
            client.onRecoveryFailed(failures::add);
            client.onClose((code, reason) -> closes.add(code));
            await(client.connect());
            String id = await(client.authenticate(Map.of("user", "alice"))).id();

            Thread publisher = NumberedStream.publisher(run.hub(), id);
            long start = System.nanoTime();
            publisher.start();
            int kills = 0;
            while (!run.killAt().isEmpty()) {
                int at = run.killAt().first();
                Eventually.until("message " + at + " while connected (seed " + seed + ")",
                        () -> received.size() >= at && client.isOpen(), Duration.ofSeconds(20));
                if (proxy.killAll() == 1) {
                    run.killAt().pollFirst();
                    kills++;
                }
            }
            int resets = kills;
            Eventually.until("all " + TOTAL + " messages (seed " + seed + ")", () -> received.size() >= TOTAL,
                    Duration.ofSeconds(25));
            Eventually.until("one resume per reset", () -> replayed.size() >= resets);
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertEquals(IntStream.rangeClosed(1, TOTAL).boxed().toList(), new ArrayList<>(received),
                    "no gap, no duplicate, in order (seed " + seed + ")");
            assertEquals(KILLS, proxy.killedCount());
            assertEquals(KILLS, replayed.size(), "every reset was resumed once (seed " + seed + ")");
            assertTrue(failures.isEmpty(), "every resume recovered: " + failures);
            assertTrue(closes.isEmpty(), "never closed: " + closes);
            assertEquals(id, client.connected().id(), "still the same server session");
            assertTrue(run.recorder().disconnected.isEmpty(), "the server never ended the session");
            System.out.printf("SDK: %d messages, %d resets (seed %d), replayed per resume %s, %d ms%n",
                    TOTAL, KILLS, seed, replayed, millis);
        }
    }
}
