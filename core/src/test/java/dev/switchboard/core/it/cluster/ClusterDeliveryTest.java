package dev.switchboard.core.it.cluster;

import dev.switchboard.core.emitter.Emitter;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.SharedRedis;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three nodes in one JVM, each a hub on its own Tyrus server, on one Redis: every delivery kind
 * reaches exactly the matching clients of the cluster once, exclude lists hold across nodes, a node
 * without members of a room gets nothing for it, and the Emitter reaches clients on every node.
 */
class ClusterDeliveryTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    private static final String PREFIX = "deliv";
    private static final Duration LEASE = Duration.ofSeconds(5);

    static ClusterNode a;
    static ClusterNode b;
    static ClusterNode c;
    private final List<Peer> peers = new ArrayList<>();

    @BeforeAll
    static void startNodes() {
        a = ClusterNode.start(REDIS.url(), PREFIX, "node-a", LEASE);
        b = ClusterNode.start(REDIS.url(), PREFIX, "node-b", LEASE);
        c = ClusterNode.start(REDIS.url(), PREFIX, "node-c", LEASE);
    }

    @AfterAll
    static void stopNodes() {
        for (ClusterNode node : List.of(a, b, c)) {
            node.close();
        }
    }

    @AfterEach
    void disconnect() {
        peers.forEach(Peer::close);
        for (ClusterNode node : List.of(a, b, c)) {
            Eventually.until("clients gone", () -> node.hub().clientCount() == 0);
        }
        awaitSubscribers("broadcast", 0);
    }

    private Peer peer(ClusterNode node, String user) {
        Peer peer = Peer.connect(node.uri(), user);
        peers.add(peer);
        return peer;
    }

    private static void awaitSubscribers(String channel, long count) {
        Peer.awaitSubscribers(REDIS.server().port(), PREFIX + ":" + channel, count);
    }

    /** Alice on A and B, carol on A, bob on B, dave on C; alice on A and bob in {@code room}. */
    private record Cast(Peer alice1, Peer carol, Peer alice2, Peer bob, Peer dave) {
    }

    /** Connects the cast and waits until Redis has every channel it needs. */
    private Cast cast(String room) {
        Cast cast = new Cast(peer(a, "alice").join(room), peer(a, "carol"), peer(b, "alice"),
                peer(b, "bob").join(room), peer(c, "dave"));
        awaitSubscribers("room:" + room, 2);
        awaitSubscribers("user:alice", 2);
        awaitSubscribers("client:" + cast.bob().id(), 1);
        awaitSubscribers("client:" + cast.dave().id(), 1);
        awaitSubscribers("broadcast", 3);
        return cast;
    }

    /** Every node sends {@code end} to everyone; a client has all earlier messages of every node once it saw three. */
    private static void endFromEveryNode() {
        for (ClusterNode node : List.of(a, b, c)) {
            node.hub().broadcast("end", null, Set.of());
        }
    }

    @Test
    void eachKindReachesEveryMatchingClientOnceWithExcludesAcrossNodes() {
        Cast cast = cast("lobby");
        Peer alice1 = cast.alice1();
        Peer carol = cast.carol();
        Peer alice2 = cast.alice2();
        Peer bob = cast.bob();
        Peer dave = cast.dave();

        c.hub().sendToRoom("lobby", "room-from-c", Map.of("n", 1), Set.of());
        a.hub().sendToRoom("lobby", "room-without-bob", null, Set.of(bob.id()));
        b.hub().sendToRoom("lobby", "room-without-alice1", null, Set.of(alice1.id()));
        a.hub().sendToUser("alice", "user-from-a", "hi");
        c.hub().sendToUser("alice", "user-from-c", "hi");
        c.hub().sendToClient(bob.id(), "client-from-c", List.of(1, 2));
        b.hub().sendToClient(bob.id(), "client-local", null);
        a.hub().sendToClient(dave.id(), "client-from-a", null);
        b.hub().broadcast("broadcast-from-b", null, Set.of(carol.id(), alice2.id()));
        c.hub().broadcast("broadcast-from-c", true, null);
        endFromEveryNode();

        assertEquals(List.of("broadcast-from-b", "broadcast-from-c", "room-from-c", "room-without-bob",
                "user-from-a", "user-from-c"), alice1.eventsUntil("end", 3));
        assertEquals(List.of("broadcast-from-c", "user-from-a", "user-from-c"), alice2.eventsUntil("end", 3));
        assertEquals(List.of("broadcast-from-b", "broadcast-from-c", "client-from-c", "client-local", "room-from-c",
                "room-without-alice1"), bob.eventsUntil("end", 3));
        assertEquals(List.of("broadcast-from-c"), carol.eventsUntil("end", 3));
        assertEquals(List.of("broadcast-from-b", "broadcast-from-c", "client-from-a"), dave.eventsUntil("end", 3));
    }

    @Test
    void payloadsArriveAsSentAndInTheSendersOrder() {
        Peer near = peer(a, "near").join("ordered");
        Peer far = peer(b, "far").join("ordered");
        awaitSubscribers("room:ordered", 2);
        for (int i = 0; i < 50; i++) {
            a.hub().sendToRoom("ordered", "n", Map.of("i", i, "text", "é \"quoted\" \\ ✓"), Set.of());
        }
        a.hub().sendToRoom("ordered", "end", null, Set.of());
        for (Peer peer : List.of(near, far)) {
            List<JsonObject> got = peer.until("end", 1);
            assertEquals(50, got.size());
            for (int i = 0; i < 50; i++) {
                assertEquals(i, got.get(i).getJsonObject("data").getInt("i"));
                assertEquals("é \"quoted\" \\ ✓", got.get(i).getJsonObject("data").getString("text"));
            }
        }
    }

    @Test
    void aNodeWithoutMembersOfARoomReceivesNothingForIt() {
        peer(a, "alice").join("quiet");
        peer(b, "bob").join("quiet");
        Peer dave = peer(c, "dave");
        awaitSubscribers("room:quiet", 2);
        awaitSubscribers("client:" + dave.id(), 1);
        try (Jedis jedis = new Jedis("127.0.0.1", REDIS.server().port())) {
            assertEquals(Long.valueOf(2), jedis.pubsubNumSub(PREFIX + ":room:quiet").get(PREFIX + ":room:quiet"));
        }

        long before = c.hub().clusterStats().received();
        for (int i = 0; i < 20; i++) {
            a.hub().sendToRoom("quiet", "psst", i, Set.of());
        }
        a.hub().sendToClient(dave.id(), "marker", null);
        dave.socket().await("marker");
        assertEquals(before + 1, c.hub().clusterStats().received(), "node C got only the marker");
    }

    @Test
    void theEmitterReachesClientsOnEveryNode() {
        Cast cast = cast("jobs");
        Emitter emitter = Emitter.builder(REDIS.url()).prefix(PREFIX).build();
        emitter.sendToClient(cast.dave().id(), "direct", Map.of("n", 1));
        emitter.sendToUser("alice", "personal", "hi");
        emitter.sendToRoom("jobs", "job", List.of(1, 2), Set.of(cast.bob().id()));
        emitter.broadcast("news", null, Set.of(cast.alice2().id(), cast.carol().id()));
        emitter.broadcast("end", null);
        emitter.shutdown();

        assertEquals(List.of("job", "news", "personal"), cast.alice1().eventsUntil("end", 1));
        assertEquals(List.of("personal"), cast.alice2().eventsUntil("end", 1));
        assertEquals(List.of("news"), cast.bob().eventsUntil("end", 1));
        assertEquals(List.of(), cast.carol().eventsUntil("end", 1));
        List<JsonObject> daveGot = cast.dave().until("end", 1);
        assertEquals(List.of("direct", "news"), daveGot.stream().map(f -> f.getString("event")).toList());
        assertEquals(1, daveGot.get(0).getJsonObject("data").getInt("n"));
    }

    @Test
    void subscriptionsFollowLocalMembershipExactly() {
        String node = "node:" + a.hub().serverId();
        Peer first = peer(a, "zoe");
        Set<String> firstChannels = Set.of("client:" + first.id(), "room:" + first.id());
        Eventually.equal("channels of one client", union(Set.of(node, "broadcast", "user:zoe", "room:ws-default",
                "room:ws-notification"), firstChannels), ClusterDeliveryTest::channels);
        Peer second = peer(a, "zoe").join("garden");
        first.join("garden");
        Set<String> both = union(Set.of(node, "broadcast", "user:zoe", "room:ws-default", "room:ws-notification",
                "room:garden", "client:" + second.id(), "room:" + second.id()), firstChannels);
        Eventually.equal("channels of two clients", both, ClusterDeliveryTest::channels);

        second.leave("garden");
        b.hub().sendToRoom("garden", "still", 1, Set.of());
        first.socket().await("still");
        assertEquals(both, channels(), "garden keeps its subscription while a member is left");
        first.leave("garden");
        Eventually.until("garden unsubscribed with its last member", () -> !channels().contains("room:garden"));

        second.close();
        Eventually.equal("second's channels gone", union(Set.of(node, "broadcast", "user:zoe", "room:ws-default",
                "room:ws-notification"), firstChannels), ClusterDeliveryTest::channels);
        first.close();
        Eventually.equal("only the node channel left", Set.of(node), ClusterDeliveryTest::channels);
    }

    private static Set<String> union(Set<String> one, Set<String> two) {
        Set<String> all = new java.util.TreeSet<>(one);
        all.addAll(two);
        return all;
    }

    /** Channels of node A with a subscriber, without the prefix (other nodes have no clients here). */
    private static Set<String> channels() {
        try (Jedis jedis = new Jedis("127.0.0.1", REDIS.server().port())) {
            Set<String> names = new java.util.TreeSet<>();
            for (String channel : jedis.pubsubChannels(PREFIX + ":*")) {
                String name = channel.substring(PREFIX.length() + 1);
                if (!name.startsWith("node:") || name.equals("node:" + a.hub().serverId())) {
                    names.add(name);
                }
            }
            return names;
        }
    }
}
