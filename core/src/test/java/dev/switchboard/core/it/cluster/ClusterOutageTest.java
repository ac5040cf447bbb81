package dev.switchboard.core.it.cluster;

import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.RedisServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis dies while clients are connected to two nodes and comes back empty on the same port: local
 * delivery never stops, room messages sent meanwhile reach the other node afterwards in order, and
 * cross-node delivery and presence recover by themselves.
 */
class ClusterOutageTest {

    private static final String PREFIX = "outage";

    private RedisServer redis;
    private ClusterNode a;
    private ClusterNode b;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        a = ClusterNode.start(redis.url(), PREFIX, "node-a", Duration.ofSeconds(1));
        b = ClusterNode.start(redis.url(), PREFIX, "node-b", Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        redis.close();
    }

    private static List<Integer> numbers(List<JsonObject> frames) {
        return frames.stream().map(frame -> frame.getJsonObject("data").getInt("i")).toList();
    }

    @Test
    void localDeliveryGoesOnAndHeldRoomMessagesArriveInOrderAfterTheRestart() {
        try (Peer near = Peer.connect(a.uri(), "alice").join("r"); Peer far = Peer.connect(b.uri(), "bob").join("r")) {
            Peer.awaitSubscribers(redis.port(), PREFIX + ":room:r", 2);
            a.hub().sendToRoom("r", "before", null, Set.of());
            far.socket().await("before");
            near.socket().await("before");

            redis.stop();
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                a.hub().sendToRoom("r", "held", Map.of("i", i), Set.of());
                slowest = Math.max(slowest, System.nanoTime() - started);
            }
            a.hub().sendToClient(near.id(), "local-end", null);
            assertEquals(IntStream.range(0, 20).boxed().toList(), numbers(near.until("local-end", 1)),
                    "the local member got every message during the outage");
            assertTrue(slowest < 200_000_000L, "a send waited " + slowest / 1_000_000 + " ms for Redis");
            assertTrue(a.hub().clusterStats().pending() > 0, "messages wait in the outbox");

            redis.restart();
            a.hub().sendToRoom("r", "held-end", null, Set.of());
            assertEquals(IntStream.range(0, 20).boxed().toList(), numbers(far.until("held-end", 1)),
                    "the other node got the held messages in order after the restart");

            Peer.awaitSubscribers(redis.port(), PREFIX + ":room:r", 2);
            b.hub().sendToRoom("r", "after", "back", Set.of());
            near.socket().await("after");
            Eventually.until("presence rewritten after Redis lost it",
                    () -> a.hub().presence("r").equals(Map.of(near.id(), "node-a", far.id(), "node-b")),
                    Duration.ofSeconds(10));
        }
    }
}
