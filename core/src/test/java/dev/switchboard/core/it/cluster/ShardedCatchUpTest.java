package dev.switchboard.core.it.cluster;

import dev.switchboard.api.BusStats;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.RedisClusterHarness;
import dev.switchboard.core.testing.redis.RedisServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster log on a 3-master Redis Cluster (sharded pub/sub; the log key of an origin lives on
 * one shard, the room channels on others): node B's subscriber connections are killed on every
 * master three times while node A publishes 600 messages to two rooms, one every 5 ms; B's members
 * still get every message of their room once, in order. Single-threaded apart from the publisher.
 */
class ShardedCatchUpTest {

    private static final int MESSAGES = 600;

    @Test
    void killedShardSubscribersCatchUpFromTheLogWithoutLossOrRepeat() throws Exception {
        Assumptions.assumeTrue(RedisServer.majorVersion() >= 7, "sharded pub/sub needs Redis 7; found redis-server "
                + RedisServer.binary() + " version " + RedisServer.majorVersion());
        try (RedisClusterHarness cluster = RedisClusterHarness.start(3);
             ClusterNode a = ClusterNode.start(cluster.url(), "sharded-log", "shard-a", Duration.ofSeconds(5));
             ClusterNode b = ClusterNode.start(cluster.url(), "sharded-log", "shard-b", Duration.ofSeconds(5));
             Peer deck = Peer.connect(b.uri(), "bob").join("deck");
             Peer hold = Peer.connect(b.uri(), "carol").join("hold")) {
            a.hub().sendToRoom("deck", "ready", null, Set.of());
            a.hub().sendToRoom("hold", "ready", null, Set.of());
            Eventually.until("B subscribed to both rooms", () -> {
                a.hub().sendToRoom("deck", "probe", null, Set.of());
                a.hub().sendToRoom("hold", "probe", null, Set.of());
                return b.hub().clusterStats().received() >= 2;
            }, Duration.ofSeconds(10));
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < MESSAGES; i++) {
                    LockSupport.parkNanos(start + i * TimeUnit.MILLISECONDS.toNanos(5) - System.nanoTime());
                    if (i == 100 || i == 250 || i == 400) {
                        killSubscribers(cluster, "switchboard-sub-shard-b");
                    }
                    a.hub().sendToRoom(i % 2 == 0 ? "deck" : "hold", "m", Map.of("i", i), Set.of());
                }
                a.hub().sendToRoom("deck", "end", null, Set.of());
                a.hub().sendToRoom("hold", "end", null, Set.of());
            });
            publishing.get(60, TimeUnit.SECONDS);
            assertEquals(IntStream.range(0, MESSAGES).filter(i -> i % 2 == 0).boxed().toList(), numbers(deck));
            assertEquals(IntStream.range(0, MESSAGES).filter(i -> i % 2 == 1).boxed().toList(), numbers(hold));
            BusStats stats = b.hub().clusterStats();
            assertTrue(stats.reconnects() >= 3, "the subscribers were cut: " + stats);
            assertEquals(0, stats.lost(), stats.toString());
            System.out.println("sharded catch-up: " + stats);
        }
    }

    /** The {@code m} numbers a member got before {@code end}, probes and markers left out. */
    private static List<Integer> numbers(Peer member) {
        List<Integer> got = new ArrayList<>();
        for (JsonObject frame : member.until("end", 1)) {
            if (frame.getString("event").equals("m")) {
                got.add(frame.getJsonObject("data").getInt("i"));
            }
        }
        return got;
    }

    /** Kills every connection named {@code name} on every master (CLIENT LIST, then CLIENT KILL ID). */
    private static void killSubscribers(RedisClusterHarness cluster, String name) {
        for (int node = 0; node < cluster.masters().size(); node++) {
            try (Jedis jedis = cluster.jedis(node)) {
                for (String line : jedis.clientList().split("\n")) {
                    if (line.contains(" name=" + name + " ")) {
                        jedis.clientKill(redis.clients.jedis.params.ClientKillParams.clientKillParams()
                                .id(line.replaceAll("^id=(\\d+) .*", "$1").trim()));
                    }
                }
            }
        }
    }
}
