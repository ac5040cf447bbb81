package dev.switchboard.core.testing.redis;

import dev.switchboard.core.testing.Eventually;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A local Redis Cluster of three masters (no replicas) for tests: three {@link RedisServer}s with
 * cluster mode on, slots split evenly with CLUSTER ADDSLOTSRANGE, joined with CLUSTER MEET, ready once
 * every node reports {@code cluster_state:ok}. Not thread-safe.
 */
public final class RedisClusterHarness implements AutoCloseable {

    private static final int SLOTS = 16384;

    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisClusterHarness() {
    }

    public static RedisClusterHarness start(int masters) {
        RedisClusterHarness cluster = new RedisClusterHarness();
        try {
            for (int i = 0; i < masters; i++) {
                cluster.nodes.add(RedisServer.start(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000")));
            }
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void form() {
        int per = SLOTS / nodes.size();
        for (int i = 0; i < nodes.size(); i++) {
            int first = i * per;
            int last = i == nodes.size() - 1 ? SLOTS - 1 : first + per - 1;
            try (Jedis jedis = jedis(i)) {
                jedis.clusterAddSlotsRange(first, last);
                if (i > 0) {
                    jedis.clusterMeet("127.0.0.1", nodes.get(0).port());
                }
            }
        }
        Eventually.until("Redis Cluster ready", this::ready, Duration.ofSeconds(20), Duration.ofMillis(50));
    }

    private boolean ready() {
        for (int i = 0; i < nodes.size(); i++) {
            try (Jedis jedis = jedis(i)) {
                if (!jedis.clusterInfo().contains("cluster_state:ok")
                        || jedis.clusterSlots().size() < nodes.size()
                        || jedis.clusterNodes().lines().count() < nodes.size()) {
                    return false;
                }
            }
        }
        return true;
    }

    public Jedis jedis(int node) {
        return new Jedis("127.0.0.1", nodes.get(node).port());
    }

    public List<HostAndPort> masters() {
        return nodes.stream().map(node -> new HostAndPort("127.0.0.1", node.port())).collect(Collectors.toList());
    }

    /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...} */
    public String url() {
        return "redis-cluster://" + nodes.stream().map(node -> "127.0.0.1:" + node.port())
                .collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
