package dev.switchboard.core.it.cluster;

import dev.switchboard.api.ClientState;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.Resumes;
import dev.switchboard.core.testing.WsClient;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.redis.RedisClusterHarness;
import dev.switchboard.core.testing.redis.RedisServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resume on another node over a 3-master Redis Cluster (sharded pub/sub, order per channel only):
 * the relayed session still gets its replay and then its live messages in one unbroken sequence.
 */
class ShardedResumeTest {

    @Test
    void aSessionResumesOnAnotherNodeOverShardedPubSub() {
        Assumptions.assumeTrue(RedisServer.majorVersion() >= 7, "sharded pub/sub needs Redis 7; found redis-server "
                + RedisServer.binary() + " version " + RedisServer.majorVersion());
        try (RedisClusterHarness cluster = RedisClusterHarness.start(3);
             ClusterNode a = node(cluster, "shard-a");
             ClusterNode b = node(cluster, "shard-b");
             WsClient first = WsClient.connect(a.uri())) {
            JsonObject connected = first.authenticate("alice");
            String session = Resumes.id(connected);
            first.emit("join", "{\"rooms\":[\"deck\"]}");
            long lastSeq = first.await("joined").getJsonNumber("seq").longValue();
            first.abort();
            Eventually.until("suspended on its home", () -> a.hub().client(session)
                    .map(client -> client.state() == ClientState.SUSPENDED).orElse(false));
            for (int i = 0; i < 20; i++) {
                a.hub().sendToRoom("deck", "m", i, Set.of());
            }
            try (WsClient second = Resumes.resumeOn(b.uri(), Resumes.token(connected), lastSeq)) {
                JsonObject resumed = second.await("resumed");
                assertTrue(Resumes.recovered(resumed), resumed.toString());
                assertEquals(20, resumed.getJsonObject("data").getInt("replayed"));
                for (int i = 20; i < 40; i++) {
                    a.hub().sendToClient(session, "m", i);
                }
                List<Integer> got = new ArrayList<>();
                while (got.size() < 40) {
                    JsonObject frame = second.next();
                    assertEquals(lastSeq + got.size() + 1, frame.getJsonNumber("seq").longValue(), frame.toString());
                    got.add(frame.getInt("data"));
                }
                for (int i = 0; i < 40; i++) {
                    assertEquals(i, got.get(i), "replay then live, in order: " + got);
                }
            }
        }
    }

    private static ClusterNode node(RedisClusterHarness cluster, String serverId) {
        return ClusterNode.start(cluster.url(), "sharded-resume", serverId, Duration.ofSeconds(5),
                builder -> builder.resumption(Resumption.enabled(Resumes.KEY)));
    }
}
