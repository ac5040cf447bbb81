package dev.switchboard.core.it.cluster;

import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presence on the hub across two nodes follows joins, leaves and disconnects on either node. */
class ClusterPresenceTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();

    @Test
    void presenceFollowsJoinsLeavesAndDisconnectsAcrossNodes() {
        try (ClusterNode a = ClusterNode.start(REDIS.url(), "pres", "node-a", Duration.ofSeconds(2));
             ClusterNode b = ClusterNode.start(REDIS.url(), "pres", "node-b", Duration.ofSeconds(2))) {
            Peer alice = Peer.connect(a.uri(), "alice").join("hall");
            Peer bob = Peer.connect(b.uri(), "bob").join("hall");
            Peer bob2 = Peer.connect(a.uri(), "bob");
            Eventually.equal("members seen from A", Map.of(alice.id(), "node-a", bob.id(), "node-b"),
                    () -> a.hub().presence("hall"));
            Eventually.equal("members seen from B", Map.of(alice.id(), "node-a", bob.id(), "node-b"),
                    () -> b.hub().presence("hall"));
            assertTrue(b.hub().isOnline("alice"));
            assertFalse(a.hub().isOnline("nobody"));

            bob.leave("hall");
            Eventually.equal("after bob left", Map.of(alice.id(), "node-a"), () -> a.hub().presence("hall"));
            bob2.join("hall");
            Eventually.equal("bob's other session joined", Map.of(alice.id(), "node-a", bob2.id(), "node-a"),
                    () -> b.hub().presence("hall"));

            alice.close();
            Eventually.equal("alice disconnected", Map.of(bob2.id(), "node-a"), () -> b.hub().presence("hall"));
            Eventually.until("alice offline everywhere", () -> !b.hub().isOnline("alice") && !a.hub().isOnline("alice"));
            bob2.close();
            assertTrue(a.hub().isOnline("bob"), "bob still has a session on node B");
            bob.close();
            Eventually.until("bob offline", () -> !a.hub().isOnline("bob"));
            Eventually.equal("hall empty", Map.of(), () -> b.hub().presence("hall"));
        }
    }
}
