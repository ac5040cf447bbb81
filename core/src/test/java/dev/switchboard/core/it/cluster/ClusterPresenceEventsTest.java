package dev.switchboard.core.it.cluster;

import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.cluster.ClusterNode;
import dev.switchboard.core.testing.cluster.Peer;
import dev.switchboard.core.testing.redis.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.switchboard.core.testing.PresenceWire.awaitMembers;
import static dev.switchboard.core.testing.PresenceWire.member;
import static dev.switchboard.core.testing.PresenceWire.nextPush;
import static dev.switchboard.core.testing.PresenceWire.joined;
import static dev.switchboard.core.testing.PresenceWire.left;
import static dev.switchboard.core.testing.PresenceWire.room;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Presence across two hubs on one real redis-server: every member, on either node, gets each join
 * and leave of either node once, and an answer lists both nodes' members with their users. That
 * nothing else arrived is proven by per-origin order: a marker client joins on each node last, and
 * whatever a node sent before its marker's join reached every member before that join did.
 */
class ClusterPresenceEventsTest {

    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    private static final String PREFIX = "presev";
    private static final Duration LEASE = Duration.ofSeconds(2);

    /** What one observer was told, as {@code +clientId/userId} and {@code -clientId/userId}, in arrival order. */
    private record Log(Peer observer, String user, List<String> changes) {
        Log(Peer observer, String user) {
            this(observer, user, new ArrayList<>());
        }

        /** Reads pushes until every one of {@code expected} was told; own and the other observer's joins are ignored. */
        void until(Collection<String> expected, Set<String> ignoredJoins) {
            while (!changes.containsAll(expected)) {
                var push = nextPush(observer.socket());
                assertEquals("lobby", room(push));
                joined(push).stream().filter(name -> !ignoredJoins.contains(name)).forEach(name -> changes.add("+" + name));
                left(push).forEach(name -> changes.add("-" + name));
            }
        }
    }

    @Test
    void joinsAndLeavesOfBothNodesReachEveryMemberOnceAndAnswersListBothNodes() {
        try (ClusterNode a = ClusterNode.start(REDIS.url(), PREFIX, "node-a", LEASE, hub -> hub.presenceRooms("lobby"));
             ClusterNode b = ClusterNode.start(REDIS.url(), PREFIX, "node-b", LEASE, hub -> hub.presenceRooms("lobby"))) {
            Peer alice = Peer.connect(a.uri(), "alice").join("lobby");
            Peer bob = Peer.connect(b.uri(), "bob").join("lobby");
            Peer.awaitSubscribers(REDIS.server().port(), PREFIX + ":room:lobby", 2);
            Set<String> observers = Set.of(member(alice.id(), "alice"), member(bob.id(), "bob"));
            Log atA = new Log(alice, "alice");
            Log atB = new Log(bob, "bob");

            List<Peer> tabs = List.of(Peer.connect(a.uri(), "tina").join("lobby"),
                    Peer.connect(b.uri(), "tina").join("lobby"), Peer.connect(a.uri(), "tina").join("lobby"));
            List<String> tabJoins = tabs.stream().map(tab -> "+" + member(tab.id(), "tina")).toList();
            atA.until(tabJoins, observers);
            atB.until(tabJoins, observers);

            tabs.get(1).leave("lobby");
            tabs.get(2).close();
            List<String> tabLeaves = List.of("-" + member(tabs.get(1).id(), "tina"), "-" + member(tabs.get(2).id(), "tina"));
            Peer markerA = Peer.connect(a.uri(), "marker").join("lobby");
            Peer markerB = Peer.connect(b.uri(), "marker").join("lobby");
            List<String> markers = List.of("+" + member(markerA.id(), "marker"), "+" + member(markerB.id(), "marker"));
            for (Log log : List.of(atA, atB)) {
                log.until(markers, observers);
                List<String> expected = new ArrayList<>(tabJoins);
                expected.addAll(tabLeaves);
                expected.addAll(markers);
                assertEquals(sorted(expected), sorted(log.changes()), log.user() + " was told each change once");
            }

            Set<String> everyone = new TreeSet<>(observers);
            everyone.addAll(List.of(member(tabs.get(0).id(), "tina"), member(markerA.id(), "marker"),
                    member(markerB.id(), "marker")));
            awaitMembers(alice.socket(), "lobby", everyone);
            awaitMembers(bob.socket(), "lobby", everyone);
            Eventually.equal("the hub's view with nodes", Set.of(
                    new PresenceStore.Member(alice.id(), "alice", "node-a"), new PresenceStore.Member(bob.id(), "bob", "node-b"),
                    new PresenceStore.Member(tabs.get(0).id(), "tina", "node-a"),
                    new PresenceStore.Member(markerA.id(), "marker", "node-a"),
                    new PresenceStore.Member(markerB.id(), "marker", "node-b")), () -> Set.copyOf(b.hub().roomMembers("lobby")));

            b.close();
            // A node shutting down sends its clients' leaves before its bus closes.
            Log afterB = new Log(alice, "alice");
            afterB.until(List.of("-" + member(bob.id(), "bob"), "-" + member(markerB.id(), "marker")), observers);
            List.of(alice, tabs.get(0), markerA).forEach(Peer::close);
        }
    }

    private static List<String> sorted(Collection<String> changes) {
        return changes.stream().sorted(Comparator.naturalOrder()).toList();
    }
}
