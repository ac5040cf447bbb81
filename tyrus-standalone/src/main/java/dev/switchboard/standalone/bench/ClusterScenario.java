package dev.switchboard.standalone.bench;

import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code bench cluster}: the fan-out of {@link FanoutScenario} at a moderate {@code --rate}, first on
 * one Switchboard node (the reference column), then on two nodes sharing a {@code redis-server} the
 * bench starts, clients alternating between nodes and the sender on node 1. The cluster's latency
 * figures are those of the clients on node 2 (every one of their messages crossed Redis); its CPU per
 * delivery is both nodes' CPU (Redis's own is reported apart). Headline: cross-node p99 (single/cluster).
 * Stateless.
 */
final class ClusterScenario {

    static final Metric LOCAL_P99 = Metric.cost("localLatencyP99Ms", "same-node latency p99", "ms");
    static final Metric REDIS_CPU = Metric.cost("redisCpuPerDeliveryUs", "redis CPU per delivery", "us");
    static final List<Metric> METRICS = List.of(Stats.Latency.P50, Stats.Latency.P99, Stats.Latency.MAX,
            LOCAL_P99, FanoutScenario.CPU, REDIS_CPU, FanoutScenario.DELIVERIES);

    private ClusterScenario() {
    }

    static void run(BenchOptions options, PrintStream console) throws IOException {
        Figures single = FanoutScenario.measure(options, "single node",
                () -> Target.switchboard(options, "single node", 1, Map.of()));
        Figures cluster = new Figures("cluster");
        Report.progress("cluster: starting redis-server and two nodes");
        try (RedisProcess redis = RedisProcess.start(options.redisServer());
             Target target = Target.switchboard(options, "cluster", 2, Map.of("SWITCHBOARD_REDIS_URL", redis.url()));
             Loader loader = new Loader(options.threads(), options.connectWindow())) {
            List<LoadClient> clients = loader.connect("cluster", target, options.clients(), options.room());
            try {
                awaitBothNodesSubscribed(redis, options.room());
                measure(options, redis, target, clients, cluster);
            } catch (BenchFailure e) {
                StringBuilder stats = new StringBuilder(e.getMessage());
                for (ServerProcess node : target.processes()) {
                    stats.append("\n  node pid ").append(node.pid()).append(" bus: ").append(node.busStats());
                }
                throw new BenchFailure(stats.toString(), e);
            } finally {
                Loader.closeAll(clients);
            }
        }
        Report.finish(console, "cluster", options.params(), METRICS, Stats.Latency.P99, cluster, single, null, options.out());
    }

    private static void measure(BenchOptions options, RedisProcess redis, Target target, List<LoadClient> clients,
                                Figures cluster) {
        double[] redisCpu = {redis.cpuNanos()};
        FanoutScenario.rounds(options, "cluster", target, clients, 2, cluster, (outcome, values) -> {
            Stats.Latency local = Stats.Latency.of(outcome.latencies()[0]);
            Stats.Latency remote = Stats.Latency.of(outcome.latencies()[1]);
            remote.putInto(values);
            values.put(LOCAL_P99.key(), local.p99Ms());
            double now = redis.cpuNanos();
            values.put(REDIS_CPU.key(), (now - redisCpu[0]) / outcome.deliveries() / 1e3);
            redisCpu[0] = now;
        });
    }

    /** Node 2 subscribes to the room's channel asynchronously after its clients joined; wait for both nodes. */
    private static void awaitBothNodesSubscribed(RedisProcess redis, String room) {
        String channel = "switchboard:room:" + room;
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (jedis.pubsubNumSub(channel).getOrDefault(channel, 0L) < 2) {
                if (System.nanoTime() > deadline) {
                    throw new BenchFailure("the two nodes did not both subscribe to " + channel + " within 30 s");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted");
        }
    }
}
