package dev.switchboard.client;

import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.TcpProxy;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.redis.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static dev.switchboard.client.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK behind a load balancer (a proxy that is switched to another node, then resets the
 * connection): it resumes its session on the other node transparently, with every message once and
 * in order, and its requests are still answered by the session's home node.
 */
class ClusterResumeTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();

    @Test
    void theClientResumesOnAnotherNodeWithoutLosingOrReorderingAMessage() throws Exception {
        try (ClusterNode a = node("node-a"); ClusterNode b = node("node-b");
             TcpProxy balancer = new TcpProxy(a.port());
             SwitchboardClient client = SwitchboardClient.builder(balancer.uri("/ws/acme"))
                     .requestTimeout(Clients.WAIT).reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(200)).build()) {
            a.hub().method("where", ctx -> a.hub().serverId());
            List<Integer> received = new CopyOnWriteArrayList<>();
            List<Integer> resumed = new CopyOnWriteArrayList<>();
            client.on("m", Integer.class, received::add);
            client.onResumed(resumed::add);
            await(client.connect());
            String id = await(client.authenticate(Map.of("user", "alice"))).id();
            await(client.join("hall"));

            for (int i = 0; i < 100; i++) {
                a.hub().sendToRoom("hall", "m", i, Set.of());
            }
            balancer.retarget(b.port());
            balancer.killAll();
            for (int i = 100; i < 200; i++) {
                b.hub().sendToClient(id, "m", i);
            }
            Eventually.until("resumed on node B", () -> resumed.size() == 1);
            for (int i = 200; i < 300; i++) {
                a.hub().sendToRoom("hall", "m", i, Set.of());
            }
            Eventually.until("300 messages", () -> received.size() >= 300);

            assertEquals(IntStream.range(0, 100).boxed().toList(), received.subList(0, 100));
            assertEquals(IntStream.range(0, 300).boxed().toList(), received.stream().sorted().toList(),
                    "each message once");
            assertTrue(isSortedWithin(received, 200, 300), "one origin's order holds: " + received);
            assertEquals(id, client.connected().id(), "the same session");
            assertEquals("node-a", await(client.request("where", null, String.class)),
                    "answered by the session's home through node B");
            assertEquals(1, b.hub().clientCount() + a.hub().clientCount(), "one session; B only relays");
        }
    }

    private static boolean isSortedWithin(List<Integer> values, int from, int to) {
        List<Integer> slice = values.stream().filter(v -> v >= from && v < to).toList();
        return slice.equals(IntStream.range(from, to).boxed().toList());
    }

    private static ClusterNode node(String serverId) {
        return ClusterNode.start(REDIS.url(), "sdk-anynode", serverId, Duration.ofSeconds(5),
                builder -> builder.resumption(Resumption.enabled(Resumes.KEY)));
    }
}
