package dev.switchboard.core.cluster;

import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.ClusterMessage;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.redis.RedisServer;
import dev.switchboard.core.testing.redis.SharedRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three Redis buses in one JVM against a real redis-server: routing, self-skip, ref counts, prefixes. */
class RedisBusTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    private final List<RedisBus> buses = new ArrayList<>();
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void closeBuses() {
        buses.forEach(RedisBus::close);
    }

    private RedisBus bus(String serverId, Inbox inbox) {
        return bus(serverId, prefix, inbox);
    }

    private RedisBus bus(String serverId, String busPrefix, Inbox inbox) {
        RedisBus bus = RedisBus.builder(REDIS.url()).prefix(busPrefix).serverId(serverId).build();
        bus.start(inbox);
        buses.add(bus);
        return bus;
    }

    /** Waits until Redis reports {@code count} subscribers on a channel. */
    static void awaitSubscribers(RedisServer server, String channel, long count) {
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            Eventually.until(count + " subscriber(s) on " + channel,
                    () -> jedis.pubsubNumSub(channel).get(channel) == count, Duration.ofSeconds(10));
        }
    }

    private String name(ClusterChannel channel) {
        return new ChannelNames(prefix).name(channel);
    }

    @Test
    void eachKindReachesExactlyTheSubscribedNodesOnceAndTheOriginSkipsItsOwn() throws Exception {
        Inbox a = new Inbox();
        Inbox b = new Inbox();
        Inbox c = new Inbox();
        RedisBus busA = bus("node-a", a);
        RedisBus busB = bus("node-b", b);
        RedisBus busC = bus("node-c", c);
        List<ClusterChannel> channels = List.of(ClusterChannel.room("lobby"), ClusterChannel.user("u1"),
                ClusterChannel.client("c1"), ClusterChannel.broadcast());
        channels.forEach(busA::subscribe);
        channels.forEach(busB::subscribe);
        busC.subscribe(ClusterChannel.broadcast());
        awaitSubscribers(REDIS.server(), name(ClusterChannel.room("lobby")), 2);
        awaitSubscribers(REDIS.server(), name(ClusterChannel.broadcast()), 3);
        awaitSubscribers(REDIS.server(), name(ClusterChannel.node("node-b")), 1);

        busA.publish(ClusterChannel.room("lobby"), "moved", "{\"x\":1}", Set.of("c9"));
        busA.publish(ClusterChannel.user("u1"), "hello", "\"hi\"", null);
        busA.publish(ClusterChannel.client("c1"), "direct", "[1,2]", null);
        busA.publish(ClusterChannel.broadcast(), "news", null, List.of("c2"));
        busA.publish(ClusterChannel.node("node-b"), "handover", "{}", null);
        busA.publish(ClusterChannel.client("c1"), "end", "0", null);
        busC.publish(ClusterChannel.node("node-c"), "self", "{}", null);
        busC.publish(ClusterChannel.client("c1"), "fromC", "0", null);

        // order holds per publisher: A's messages in A's order, C's wherever they fall in between
        List<ClusterMessage> atB = new ArrayList<>(b.until(m -> m.event().equals("end")));
        if (atB.stream().noneMatch(m -> m.event().equals("fromC"))) {
            atB.addAll(b.until(m -> m.event().equals("fromC")));
        }
        assertEquals(List.of("moved", "hello", "direct", "news", "handover", "end"),
                atB.stream().filter(m -> m.origin().equals("node-a")).map(ClusterMessage::event).toList());
        assertEquals(List.of("fromC"),
                atB.stream().filter(m -> m.origin().equals("node-c")).map(ClusterMessage::event).toList());
        ClusterMessage moved = atB.stream().filter(m -> m.event().equals("moved")).findFirst().orElseThrow();
        assertEquals(ClusterChannel.room("lobby"), moved.channel());
        assertEquals("{\"x\":1}", moved.data());
        assertEquals(Set.of("c9"), moved.exclude());
        ClusterMessage news = atB.stream().filter(m -> m.event().equals("news")).findFirst().orElseThrow();
        assertEquals("null", news.data());
        assertEquals(Set.of("c2"), news.exclude());

        assertEquals(List.of("fromC"), a.until(m -> m.event().equals("fromC")).stream().map(ClusterMessage::event).toList(),
                "A skips its own");
        assertEquals("news", c.next().event());
        assertTrue(busA.flush(1_000) && busC.flush(1_000));
        assertEquals(8, busA.stats().published() + busC.stats().published());
        String barrier = BusBarrier.publish(busA, ClusterChannel.broadcast(), busC);
        assertEquals(List.of(), b.before(barrier), "exactly once");
        assertEquals(List.of(), c.before(barrier), "C has only broadcast and skips its own node message");
    }

    @Test
    void referenceCountedSubscriptionsStopOnTheLastRelease() throws Exception {
        Inbox a = new Inbox();
        Inbox b = new Inbox();
        RedisBus busA = bus("node-a", a);
        RedisBus busB = bus("node-b", b);
        ClusterChannel room = ClusterChannel.room("r");
        busB.subscribe(room);
        busB.subscribe(room);
        busB.subscribe(ClusterChannel.client("sentinel"));
        awaitSubscribers(REDIS.server(), name(room), 1);
        awaitSubscribers(REDIS.server(), name(ClusterChannel.client("sentinel")), 1);

        busB.unsubscribe(room);
        busA.publish(room, "still", "1", null);
        assertEquals("still", b.next().event());

        busB.unsubscribe(room);
        busB.unsubscribe(room);
        awaitSubscribers(REDIS.server(), name(room), 0);
        busA.publish(room, "gone", "2", null);
        busA.publish(ClusterChannel.client("sentinel"), "end", "3", null);
        assertEquals(List.of("end"), b.until(m -> m.event().equals("end")).stream().map(ClusterMessage::event).toList());
    }

    @Test
    void twoPrefixesOnOneRedisDoNotSeeEachOther() throws Exception {
        Inbox a = new Inbox();
        Inbox other = new Inbox();
        RedisBus busA = bus("node-a", a);
        RedisBus busOther = bus("node-x", prefix + "-other", other);
        // a bus skips its own messages, so each prefix gets a second publisher for the barrier
        RedisBus barrierHere = bus("node-y", new Inbox());
        RedisBus barrierThere = bus("node-z", prefix + "-other", new Inbox());
        busOther.subscribe(ClusterChannel.room("lobby"));
        busOther.subscribe(ClusterChannel.broadcast());
        busA.subscribe(ClusterChannel.broadcast());
        awaitSubscribers(REDIS.server(), prefix + "-other:room:lobby", 1);
        awaitSubscribers(REDIS.server(), name(ClusterChannel.broadcast()), 1);

        busA.publish(ClusterChannel.room("lobby"), "mine", "1", null);
        busA.publish(ClusterChannel.broadcast(), "mine", "1", null);
        busOther.publish(ClusterChannel.broadcast(), "theirs", "2", null);
        busOther.publish(ClusterChannel.room("lobby"), "self", "3", null);
        assertEquals(List.of(), other.before(BusBarrier.publish(barrierThere, ClusterChannel.broadcast(), busA, busOther)));
        assertEquals(List.of(), a.before(BusBarrier.publish(barrierHere, ClusterChannel.broadcast(), busA, busOther)));
        assertTrue(busA.flush(1_000) && busOther.flush(1_000));
    }
}
