package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.redis.RedisClusterHarness;
import dev.switchboard.core.testing.redis.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A healthy subscriber connection stays up: seconds of steady traffic, health-check pings every
 * 200 ms and subscription changes in between cause no reconnect and lose no message. Guards against
 * the health check itself tearing the connection down: on RESP3 Jedis rejected the {@code +PONG} reply
 * ("Unexpected message : PONG") about every second ping. Each test owns its servers and buses, closed
 * in reverse order on the test thread.
 */
class SubscriberStaysConnectedTest {

    private static final Duration RUN = Duration.ofSeconds(3);
    private static final Duration PING_EVERY = Duration.ofMillis(200);
    private static final List<ClusterChannel> ROOMS =
            IntStream.range(0, 12).mapToObj(i -> ClusterChannel.room("room-" + i)).toList();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private RedisBus bus(String url, String serverId, Inbox inbox) {
        RedisBus bus = RedisBus.builder(url).serverId(serverId).healthCheck(PING_EVERY)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        bus.start(inbox);
        open.add(bus);
        return bus;
    }

    @Test
    void aPingedSubscriberOnOneServerNeverReconnectsAndMissesNothing() throws Exception {
        RedisServer redis = RedisServer.start();
        open.add(redis);
        Inbox received = new Inbox();
        RedisBus publisher = bus(redis.url(), "pub", new Inbox());
        RedisBus subscriber = bus(redis.url(), "sub", received);
        ROOMS.forEach(subscriber::subscribe);
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            Eventually.until("all rooms subscribed", () -> jedis.pubsubNumSub(names(subscriber))
                    .values().stream().allMatch(count -> count == 1), Duration.ofSeconds(10));
        }

        int sent = publishSteadily(publisher, subscriber);

        assertEachArrivedOnce(sent, untilBarriers(received));
        assertEquals(0, subscriber.stats().reconnects(), "subscriber reconnects");
    }

    @Test
    void shardedSubscribersOnAClusterNeverReconnectAndMissNothing() throws Exception {
        Assumptions.assumeTrue(RedisServer.majorVersion() >= 7, "sharded pub/sub needs Redis 7");
        RedisClusterHarness cluster = RedisClusterHarness.start(3);
        open.add(cluster);
        Inbox received = new Inbox();
        RedisBus publisher = bus(cluster.url(), "pub", new Inbox());
        RedisBus subscriber = bus(cluster.url(), "sub", received);
        ROOMS.forEach(subscriber::subscribe);
        awaitShardSubscribers(cluster, names(subscriber));
        assertEquals(3, subscriber.subscriberConnections(), "the rooms hash onto all three masters");

        int sent = publishSteadily(publisher, subscriber);

        assertEachArrivedOnce(sent, untilBarriers(received));
        assertEquals(0, subscriber.stats().reconnects(), "subscriber reconnects");
        assertEquals(3, subscriber.subscriberConnections());
    }

    /**
     * Publishes numbered messages round the rooms for {@link #RUN}, subscribing and unsubscribing a
     * spare channel on the subscriber meanwhile, then a barrier on every room (so on every shard, whose
     * connections deliver independently); returns how many were numbered.
     */
    private static int publishSteadily(RedisBus publisher, RedisBus subscriber) throws InterruptedException {
        ClusterChannel spare = ClusterChannel.room("spare");
        long end = System.nanoTime() + RUN.toNanos();
        int sent = 0;
        while (System.nanoTime() < end) {
            publisher.publish(ROOMS.get(sent % ROOMS.size()), "m" + sent, Integer.toString(sent), null);
            sent++;
            if (sent % 20 == 0) {
                subscriber.subscribe(spare);
            } else if (sent % 20 == 10) {
                subscriber.unsubscribe(spare);
            }
            // Pacing: the publisher must span several health-check intervals; this is not a wait for absence.
            Thread.sleep(3);
        }
        for (ClusterChannel room : ROOMS) {
            publisher.publish(room, "barrier", "0", null);
        }
        return sent;
    }

    /** Waits until the master owning each channel's slot reports one shard subscriber on it. */
    private static void awaitShardSubscribers(RedisClusterHarness cluster, String[] channels) {
        SlotMap slots = SlotMap.load(cluster.masters(), RedisAddress.parse(cluster.url()).clientConfig("t", 2_000));
        for (String channel : channels) {
            try (Jedis jedis = cluster.jedis(cluster.masters().indexOf(slots.ownerOf(channel)))) {
                Eventually.until("a shard subscriber on " + channel,
                        () -> jedis.pubsubShardNumSub(channel).get(channel) == 1, Duration.ofSeconds(10));
            }
        }
    }

    /** The numbered events received up to the last barrier; each room's barrier follows that room's messages. */
    private static List<String> untilBarriers(Inbox received) throws InterruptedException {
        int[] barriers = {0};
        return received.until(message -> message.event().equals("barrier") && ++barriers[0] == ROOMS.size())
                .stream().map(ClusterMessage::event).filter(event -> !event.equals("barrier")).toList();
    }

    private static void assertEachArrivedOnce(int sent, List<String> events) {
        Set<String> missing = new TreeSet<>(Comparator.comparingInt((String event) -> Integer.parseInt(event.substring(1))));
        IntStream.range(0, sent).forEach(i -> missing.add("m" + i));
        events.forEach(missing::remove);
        assertEquals(Set.of(), missing, "lost messages");
        assertEquals(sent, events.size(), "messages received (duplicates?)");
    }

    private static String[] names(RedisBus bus) {
        ChannelNames names = new ChannelNames(bus.prefix());
        return ROOMS.stream().map(names::name).toArray(String[]::new);
    }
}
