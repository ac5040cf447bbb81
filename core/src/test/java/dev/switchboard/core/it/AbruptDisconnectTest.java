package dev.switchboard.core.it;

import dev.switchboard.api.ClientState;
import dev.switchboard.core.testing.NumberedStream;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TcpProxy;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.switchboard.core.testing.NumberedStream.KILLS;
import static dev.switchboard.core.testing.NumberedStream.TOTAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test of resumption: 10,000 numbered messages reach a client exactly once and in
 * order while its TCP connection is reset (RST, no close frame) at random points, through a proxy.
 * The client's side is written out here: keep the highest {@code seq}, resume with the latest token.
 */
class AbruptDisconnectTest {

    @Test
    void tenThousandMessagesArriveExactlyOnceInOrderAcrossAbruptDisconnects() throws Exception {
        NumberedStream.Setting run = NumberedStream.setting();
        long seed = run.seed();
        try (TestServer server = TestServer.start(run.hub()); TcpProxy proxy = new TcpProxy(server.port())) {
            URI uri = proxy.uri("/ws/acme");
            WsClient client = WsClient.connect(uri);
            JsonObject connected = client.authenticate("alice");
            String id = Resumes.id(connected);
            String token = Resumes.token(connected);

            Thread publisher = NumberedStream.publisher(run.hub(), id);
            publisher.start();

            List<Integer> received = new ArrayList<>(TOTAL);
            List<Integer> replayed = new ArrayList<>();
            long lastSeq = 0;
            int stalls = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            long lastFrame = System.nanoTime();
            while (received.size() < TOTAL) {
                assertTrue(System.nanoTime() < deadline, "stuck at " + received.size() + " (seed " + seed + ")");
                JsonObject frame = client.poll(Duration.ofMillis(50));
                boolean stalled = frame == null && System.nanoTime() - lastFrame > Duration.ofSeconds(3).toNanos();
                if (frame == null && (client.isClosed() || stalled)) {
                    if (stalled) {
                        stalls++;
                        client.abort();
                    }
                    client = Resumes.resumeOn(uri, token, lastSeq);
                    JsonObject resumed = client.await("resumed");
                    assertTrue(Resumes.recovered(resumed), "resume after seq " + lastSeq + ": " + resumed + " (seed " + seed + ")");
                    replayed.add(resumed.getJsonObject("data").getInt("replayed"));
                    token = Resumes.token(resumed);
                    lastFrame = System.nanoTime();
                    continue;
                }
                if (frame == null) {
                    continue;
                }
                lastFrame = System.nanoTime();
                if (frame.getString("event").equals("token")) {
                    token = frame.getJsonObject("data").getString("token");
                    continue;
                }
                long seq = frame.getJsonNumber("seq").longValue();
                assertEquals(lastSeq + 1, seq, "no gap and no duplicate on the wire (seed " + seed + ")");
                lastSeq = seq;
                received.add(frame.getInt("data"));
                // Frames still queued from a socket already reset are read first: the next reset
                // waits for a frame while a connection is up again.
                if (!run.killAt().isEmpty() && received.size() >= run.killAt().first() && proxy.killAll() == 1) {
                    run.killAt().pollFirst();
                }
            }
            publisher.join();
            client.close();

            assertEquals(IntStream.rangeClosed(1, TOTAL).boxed().toList(), received);
            assertEquals(KILLS, proxy.killedCount());
            assertEquals(KILLS, replayed.size(), "one successful resume per reset; stalls: " + stalls);
            assertTrue(run.recorder().disconnected.isEmpty() || run.recorder().disconnected.size() == 1,
                    "the session was never ended before the final clean close");
            System.out.printf("10,000 messages, %d resets (seed %d), replayed per resume %s, suspended %d times%n",
                    KILLS, seed, replayed, run.recorder().suspended.size());
        }
    }
}
