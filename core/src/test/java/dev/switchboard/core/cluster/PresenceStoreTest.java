package dev.switchboard.core.cluster;

import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.redis.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presence across two nodes on a real Redis: joins, leaves, users online, and a killed node's lease expiring. */
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
            a.joined("lobby", "c1");
            b.joined("lobby", "c2");
            b.joined("lobby", "c3");
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
    void aKilledNodesEntriesDisappearWhenItsLeaseExpires() {
        try (RedisPresenceStore survivor = store("alive"); Jedis jedis = new Jedis("127.0.0.1", REDIS.server().port())) {
            RedisPresenceStore crashed = store("crashed");
            crashed.joined("room", "x1");
            crashed.online("u9", "x1");
            survivor.joined("room", "s1");
            Eventually.equal("both", Map.of("x1", "crashed", "s1", "alive"), () -> survivor.members("room"));
            assertTrue(survivor.isOnline("u9"));

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
            leaving.joined("hall", "y1");
            Eventually.equal("joined", Map.of("y1", "leaving"), () -> watcher.members("hall"));
            leaving.close();
            assertEquals(Map.of(), watcher.members("hall"));
        }
    }

    @Test
    void inMemoryStoreTracksOneNode() {
        try (PresenceStore store = new InMemoryPresenceStore("solo")) {
            store.joined("r", "c1");
            store.online("u", "c1");
            store.joined("r", "c2");
            store.left("r", "c2");
            assertEquals(Map.of("c1", "solo"), store.members("r"));
            assertTrue(store.isOnline("u"));
            store.offline("u", "c1");
            assertFalse(store.isOnline("u"));
        }
    }
}
