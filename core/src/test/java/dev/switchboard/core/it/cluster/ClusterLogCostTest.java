package dev.switchboard.core.it.cluster;

import dev.switchboard.core.cluster.RedisBusBuilder;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.SharedRedis;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the cluster log costs in steady state, with the log on and off: Redis commands and bytes
 * received by Redis per publish (INFO commandstats / stats after CONFIG RESETSTAT), and the
 * cross-node latency of a room message (publisher and receiver in this JVM, so one clock). Prints
 * the numbers; asserts only that every message arrived once, in order (no timing assertions).
 * Single-threaded test; its own {@code redis-server}.
 */
class ClusterLogCostTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();

    private static final int MESSAGES = 1000;

    @Test
    void stepsAndBytesPerPublishAndLatencyWithTheLogOnAndOff() {
        String off = measure("cost-off", bus -> bus.log(0, Duration.ofSeconds(60)));
        String on = measure("cost-on", UnaryOperator.identity());
        System.out.println("cluster log cost, log on:  " + on);
        System.out.println("cluster log cost, log off: " + off);
    }

    private String measure(String prefix, UnaryOperator<RedisBusBuilder> log) {
        try (ClusterNode a = ClusterNode.start(REDIS.url(), prefix, prefix + "-a", Duration.ofSeconds(5), log,
                UnaryOperator.identity());
             ClusterNode b = ClusterNode.start(REDIS.url(), prefix, prefix + "-b", Duration.ofSeconds(5));
             Peer member = Peer.connect(b.uri(), "bob").join("r");
             Jedis jedis = new Jedis("127.0.0.1", REDIS.server().port())) {
            Peer.awaitSubscribers(REDIS.server().port(), prefix + ":room:r", 1);
            for (int i = 0; i < 200; i++) {
                a.hub().sendToRoom("r", "warm", Map.of("t", System.nanoTime()), Set.of());
            }
            a.hub().sendToRoom("r", "warm-end", null, Set.of());
            member.until("warm-end", 1);

            jedis.configResetStat();
            long[] latencies = new long[MESSAGES];
            List<Integer> order = new ArrayList<>();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    a.hub().sendToRoom("r", "m", Map.of("i", i, "t", System.nanoTime(),
                            "text", "a chat line of typical size"), Set.of());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                }
                a.hub().sendToRoom("r", "end", null, Set.of());
            });
            while (true) {
                JsonObject frame = member.socket().next();
                long now = System.nanoTime();
                if (frame.getString("event").equals("end")) {
                    break;
                }
                JsonObject data = frame.getJsonObject("data");
                order.add(data.getInt("i"));
                latencies[data.getInt("i")] = now - data.getJsonNumber("t").longValue();
            }
            sending.join();
            Arrays.sort(latencies);
            String stats = jedis.info("commandstats");
            String net = jedis.info("stats");
            assertEquals(java.util.stream.IntStream.range(0, MESSAGES).boxed().toList(), order);
            return String.format("per publish: %s; %.0f bytes into Redis; latency p50 %.2f ms, p99 %.2f ms",
                    commands(stats), (double) field(net, "total_net_input_bytes") / (MESSAGES + 1),
                    latencies[MESSAGES / 2] / 1e6, latencies[MESSAGES * 99 / 100] / 1e6);
        }
    }

    private static String commands(String info) {
        StringBuilder out = new StringBuilder();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                long calls = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
                if (!Arrays.asList("info", "configresetstat", "config|resetstat").contains(name)) {
                    out.append(String.format("%s %.3f ", name, (double) calls / (MESSAGES + 1)));
                }
            }
        }
        return out.toString().trim();
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }
}
