package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.redis.RedisClusterHarness;
import dev.switchboard.core.testing.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sharded pub/sub on a local 3-master Redis Cluster, shared by the tests of this class. */
class ShardedBusTest {

    private static RedisClusterHarness cluster;
    private final List<RedisBus> buses = new ArrayList<>();
    private final String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);
    /** Every test runs two nodes on the cluster: A publishes, B mostly subscribes. */
    private final Inbox a = new Inbox();
    private final Inbox b = new Inbox();
    private RedisBus busA;
    private RedisBus busB;

    @BeforeAll
    static void startCluster() {
        Assumptions.assumeTrue(RedisServer.majorVersion() >= 7, "sharded pub/sub needs Redis 7; found redis-server "
                + RedisServer.binary() + " version " + RedisServer.majorVersion());
        cluster = RedisClusterHarness.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void startNodes() {
        busA = bus("node-a", a);
        busB = bus("node-b", b);
    }

    @AfterEach
    void closeBuses() {
        buses.forEach(RedisBus::close);
    }

    private RedisBus bus(String serverId, Inbox inbox) {
        RedisBus bus = RedisBus.builder(cluster.url()).prefix(prefix).serverId(serverId)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        bus.start(inbox);
        buses.add(bus);
        return bus;
    }

    private String name(ClusterChannel channel) {
        return new ChannelNames(prefix).name(channel);
    }

    /** Waits until the master owning the channel's slot reports {@code count} shard subscribers. */
    private void awaitShardSubscribers(String channel, long count) {
        int owner = ownerIndex(channel);
        try (Jedis jedis = cluster.jedis(owner)) {
            Eventually.until(count + " shard subscriber(s) on " + channel,
                    () -> jedis.pubsubShardNumSub(channel).get(channel) == count, Duration.ofSeconds(10));
        }
    }

    private int ownerIndex(String channel) {
        SlotMap slots = SlotMap.load(cluster.masters(), RedisAddress.parse(cluster.url()).clientConfig("t", 2_000));
        return cluster.masters().indexOf(slots.ownerOf(channel));
    }

    @Test
    void channelsSpreadOverShardsAndEachMessageArrivesOnce() throws Exception {
        List<ClusterChannel> rooms = IntStream.range(0, 30).mapToObj(i -> ClusterChannel.room("room-" + i)).toList();
        rooms.forEach(busB::subscribe);
        rooms.forEach(busA::subscribe);
        for (ClusterChannel room : rooms) {
            awaitShardSubscribers(name(room), 2);
        }
        Set<Integer> shards = new HashSet<>();
        rooms.forEach(room -> shards.add(ownerIndex(name(room))));
        assertEquals(Set.of(0, 1, 2), shards, "30 rooms hash onto all three masters");
        Eventually.until("one subscriber connection per master", () -> busB.subscriberConnections() == 3);

        rooms.forEach(room -> busA.publish(room, room.target(), "1", null));
        Set<String> got = new HashSet<>();
        for (int i = 0; i < rooms.size(); i++) {
            ClusterMessage message = b.next();
            assertTrue(got.add(message.event()), "duplicate " + message.event());
            assertEquals(message.event(), message.channel().target());
        }
        // order holds per master only: one barrier per room, on the room's own channel; B's barriers
        // for A (which skips its own), after A's messages on the same channel
        Set<String> fromA = new HashSet<>();
        Set<String> fromB = new HashSet<>();
        for (ClusterChannel room : rooms) {
            fromA.add(BusBarrier.publish(busA, room));
            fromB.add(BusBarrier.publish(busB, room, busA));
        }
        assertEquals(List.of(), b.beforeAll(fromA), "exactly once");
        assertEquals(List.of(), a.beforeAll(fromB), "the origin skips its own");
    }

    @Test
    void nodeAndBroadcastChannelsWorkAndUnsubscribeStopsDelivery() throws Exception {
        // the user and the barrier room share a hash tag, hence a slot: one master orders both
        ClusterChannel user = ClusterChannel.user("{t}u1");
        ClusterChannel sameSlot = ClusterChannel.room("{t}barrier");
        busB.subscribe(ClusterChannel.broadcast());
        busB.subscribe(user);
        busB.subscribe(sameSlot);
        awaitShardSubscribers(name(ClusterChannel.broadcast()), 1);
        awaitShardSubscribers(name(user), 1);
        awaitShardSubscribers(name(sameSlot), 1);
        awaitShardSubscribers(name(ClusterChannel.node("node-b")), 1);

        busA.publish(ClusterChannel.node("node-b"), "handover", "{}", null);
        busA.publish(ClusterChannel.broadcast(), "news", "{}", Set.of("c1"));
        // different channels may live on different shards: order holds per channel only
        assertEquals(Set.of("handover", "news"), Set.of(b.next().event(), b.next().event()));

        busB.unsubscribe(user);
        awaitShardSubscribers(name(user), 0);
        busA.publish(user, "gone", "{}", null);
        busA.publish(ClusterChannel.node("node-b"), "end", "{}", null);
        assertEquals("end", b.next().event());
        assertEquals(List.of(), b.before(BusBarrier.publish(busA, sameSlot)), "nothing from the unsubscribed channel");
    }

    @Test
    void aMovedSlotIsResubscribedOnItsNewMaster() throws Exception {
        ClusterChannel room = ClusterChannel.room("migrating");
        String channel = name(room);
        busB.subscribe(room);
        awaitShardSubscribers(channel, 1);
        int from = ownerIndex(channel);
        int to = (from + 1) % 3;
        int slot;
        String target;
        try (Jedis destination = cluster.jedis(to)) {
            slot = (int) destination.clusterKeySlot(channel);
            target = destination.clusterMyId();
        }
        for (int i : List.of(to, from, 3 - to - from)) {
            try (Jedis node = cluster.jedis(i)) {
                node.clusterSetSlotNode(slot, target);
            }
        }
        Eventually.until("slot " + slot + " owned by master " + to, () -> ownerIndex(channel) == to);
        awaitShardSubscribers(channel, 1);

        busA.publish(room, "after-move", "1", null);
        assertEquals("after-move", b.next().event());
    }
}
