package dev.switchboard.core.cluster;

import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.redis.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Presence across two nodes on a real Redis: joins, leaves, members with their users, users online,
 * a killed node's lease expiring, and a restarted Redis healed from the nodes' mirrors.
 */
class PresenceStoreTest {

    private static final Duration LEASE = Duration.ofMillis(600);
    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    private final String prefix = "p" + UUID.randomUUID().toString().substring(0, 8);

    private RedisPresenceStore store(String serverId) {
        return new RedisPresenceStore(REDIS.url(), prefix, serverId, LEASE);
    }

    @Test
    void joinsLeavesAndUsersAcrossNodes() {
        try (RedisPresenceStore a = store("a"); RedisPresenceStore b = store("b")) {
            a.joined("lobby", "c1", "u-c1");
            b.joined("lobby", "c2", "u-c2");
            b.joined("lobby", "c3", "u-c3");
            a.online("u1", "c1");
            b.online("u1", "c2");
            Eventually.equal("members", Map.of("c1", "a", "c2", "b", "c3", "b"), () -> a.members("lobby"));
            b.left("lobby", "c3");
            Eventually.equal("after leave", Map.of("c1", "a", "c2", "b"), () -> b.members("lobby"));
            assertTrue(a.isOnline("u1"));
            a.offline("u1", "c1");
            b.offline("u1", "c2");
            Eventually.until("u1 offline", () -> !a.isOnline("u1"));
            assertFalse(b.isOnline("nobody"));
        }
    }

    @Test
    void roomMembersCarryTheirUsersAndNodes() {
        try (RedisPresenceStore a = store("a"); RedisPresenceStore b = store("b")) {
            List<PresenceStore.Member> expected = List.of(new PresenceStore.Member("t1", "alice", "a"),
                    new PresenceStore.Member("t2", "alice", "a"), new PresenceStore.Member("t3", "alice", "b"),
                    new PresenceStore.Member("t4", "bob", "b"));
            joinOnTheirNodes("lobby", expected, Map.of("a", a, "b", b));
            Eventually.equal("members seen from A", expected, () -> sorted(a.roomMembers("lobby")));
            Eventually.equal("members seen from B", expected, () -> sorted(b.roomMembers("lobby")));
            assertEquals(Map.of("t1", "a", "t2", "a", "t3", "b", "t4", "b"), b.members("lobby"));

            b.left("lobby", "t3");
            Eventually.equal("after a leave", List.of(expected.get(0), expected.get(1), expected.get(3)),
                    () -> sorted(a.roomMembers("lobby")));
        }
    }

    @Test
    void aNodesOwnMembersShowAtOnceFromItsMirror() {
        try (RedisPresenceStore a = store("a")) {
            a.joined("hall", "m1", "mia");
            assertEquals(List.of(new PresenceStore.Member("m1", "mia", "a")), a.roomMembers("hall"),
                    "no wait for the write to reach Redis");
            a.left("hall", "m1");
            assertEquals(List.of(), a.roomMembers("hall"));
        }
    }

    @Test
    void aLostLeaseRewritesTheMembersWithTheirUsers() {
        try (RedisPresenceStore a = store("a"); RedisPresenceStore b = store("b");
             Jedis jedis = new Jedis("127.0.0.1", REDIS.server().port())) {
            a.joined("heal", "h1", "hana");
            List<PresenceStore.Member> expected = List.of(new PresenceStore.Member("h1", "hana", "a"));
            Eventually.equal("written", expected, () -> b.roomMembers("heal"));
            jedis.del(prefix + ":presence:room:heal", prefix + ":node:a");
            Eventually.equal("rewritten after the lease was lost", expected, () -> b.roomMembers("heal"));
        }
    }

    @Test
    void entriesWrittenAsBareServerIdsAreReadWithoutAUser() {
        try (RedisPresenceStore a = store("a"); RedisPresenceStore b = store("b");
             Jedis jedis = new Jedis("127.0.0.1", REDIS.server().port())) {
            // b's lease is written in the background once the store starts. A query before it is there would
            // rightly delete b's entries as a dead node's, so the old-format entries are written after it.
            Eventually.until("b's lease taken", () -> jedis.exists(prefix + ":node:b"));
            jedis.hset(prefix + ":presence:room:old", "o1", "b");
            jedis.hset(prefix + ":presence:room:old", "o2", "{not json");
            assertEquals(List.of(new PresenceStore.Member("o1", null, "b")), a.roomMembers("old"),
                    "the bare entry of live node b");
            assertFalse(jedis.hexists(prefix + ":presence:room:old", "o2"), "an unreadable entry is removed");
            assertEquals("{\"serverId\":\"a\",\"userId\":\"ann\"}", PresenceEntry.encode("a", "ann"));
        }
    }

    @Test
    void aKilledNodesEntriesDisappearWhenItsLeaseExpires() {
        try (RedisPresenceStore survivor = store("alive"); Jedis jedis = new Jedis("127.0.0.1", REDIS.server().port())) {
            RedisPresenceStore crashed = store("crashed");
            crashed.joined("room", "x1", "u-x1");
            crashed.online("u9", "x1");
            survivor.joined("room", "s1", "u-s1");
            Eventually.equal("both", Map.of("x1", "crashed", "s1", "alive"), () -> survivor.members("room"));
            // the crashed node's writes leave in order from its writer thread: its user entry follows its room entry
            Eventually.until("u9 online through the crashed node", () -> survivor.isOnline("u9"));

            crashed.halt();
            Eventually.until("crashed node's entries gone after its lease",
                    () -> survivor.members("room").equals(Map.of("s1", "alive")), Duration.ofSeconds(5));
            assertFalse(survivor.isOnline("u9"));
            assertFalse(jedis.hexists(prefix + ":presence:room:room", "x1"), "stale entry removed lazily");
        }
    }

    @Test
    void aCleanCloseRemovesTheNodesEntriesAtOnce() {
        try (RedisPresenceStore watcher = store("w")) {
            RedisPresenceStore leaving = store("leaving");
            leaving.joined("hall", "y1", "u-y1");
            Eventually.equal("joined", Map.of("y1", "leaving"), () -> watcher.members("hall"));
            leaving.close();
            assertEquals(Map.of(), watcher.members("hall"));
        }
    }

    @Test
    void inMemoryStoreTracksOneNode() {
        try (PresenceStore store = new InMemoryPresenceStore("solo")) {
            store.joined("r", "c1", "u-c1");
            store.online("u", "c1");
            store.joined("r", "c2", "u-c2");
            store.left("r", "c2");
            assertEquals(Map.of("c1", "solo"), store.members("r"));
            assertEquals(List.of(new PresenceStore.Member("c1", "u-c1", "solo")), store.roomMembers("r"));
            assertTrue(store.isOnline("u"));
            store.offline("u", "c1");
            assertFalse(store.isOnline("u"));
        }
    }

    /** Joins each member to {@code room}, in order, on the store of its node (by server id). */
    private static void joinOnTheirNodes(String room, List<PresenceStore.Member> members,
                                         Map<String, RedisPresenceStore> stores) {
        members.forEach(member -> stores.get(member.serverId()).joined(room, member.clientId(), member.userId()));
    }

    private static List<PresenceStore.Member> sorted(List<PresenceStore.Member> members) {
        return members.stream().sorted(Comparator.comparing(PresenceStore.Member::clientId)).toList();
    }
}
