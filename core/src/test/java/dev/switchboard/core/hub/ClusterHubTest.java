package dev.switchboard.core.hub;

import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.Envelope;
import dev.switchboard.api.Handshake;
import dev.switchboard.core.cluster.InMemoryBus;
import dev.switchboard.core.cluster.InMemoryPresenceStore;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.testing.MemoryTransport;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.Together;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub's cluster glue on in-memory buses (no Redis, no container): frames, subscriptions, shutdown. */
class ClusterHubTest {

    private static final Handshake HANDSHAKE = new Handshake("/ws", Map.of(), Map.of(), Map.of(), "test:1", "");

    private final InMemoryBus.Network network = new InMemoryBus.Network();
    private final List<Hub> hubs = new ArrayList<>();

    /** A payload type, to compare the spliced frame with JSON-B's envelope. */
    public record Move(int x, String label, List<Integer> path) {
    }

    @AfterEach
    void shutdown() {
        hubs.forEach(Hub::shutdown);
    }

    private Hub node(ClusterBus bus) {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .roomValidator((client, rooms) -> rooms).cluster(bus).build();
        hubs.add(hub);
        return hub;
    }

    private static Connection authenticated(Hub hub, MemoryTransport transport, String user) {
        Link link = hub.sockets().open(transport, HANDSHAKE);
        link.onText("{\"event\":\"authenticate\",\"data\":{\"user\":\"" + user + "\"}}");
        return link.connection();
    }

    @Test
    void theSplicedFrameIsTheFrameJsonBWouldWrite() throws Exception {
        try (JsonCodec codec = new JsonCodec()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("a", 1);
            map.put("b", List.of("x", "y"));
            for (Object data : Arrays.asList(null, 42, 1.5, "text", "é \"q\" \\ ✓\n", true, List.of(1, 2), map,
                    new Move(3, "up", List.of(1, 2)))) {
                for (String event : List.of("moved", "odd \"event\"\t")) {
                    assertEquals(codec.frame(Envelope.of(event, data)), codec.frame(event, codec.dataJson(data)),
                            "event " + event + ", data " + data);
                }
            }
        }
    }

    @Test
    void nodesReachEachOthersClientsAndTheSenderSkipsItsOwn() {
        InMemoryBus busA = network.join("a");
        InMemoryBus busB = network.join("b");
        Hub a = node(busA);
        Hub b = node(busB);
        MemoryTransport onA = new MemoryTransport(false);
        MemoryTransport onB = new MemoryTransport(false);
        Connection alice = authenticated(a, onA, "alice");
        authenticated(b, onB, "alice");

        a.sendToUser("alice", "hi", List.of(1));
        b.sendToClient(alice.id(), "direct", null);
        b.broadcast("all", "x", Set.of(alice.id()));
        assertEquals(List.of("{\"event\":\"hi\",\"data\":[1]}", "{\"event\":\"direct\"}"), onA.sent().subList(1, 3));
        assertEquals(List.of("{\"event\":\"hi\",\"data\":[1]}", "{\"event\":\"all\",\"data\":\"x\"}"),
                onB.sent().subList(1, 3));
        assertEquals(3, onA.sent().size(), "the excluded client got no broadcast");
        assertEquals(3, onB.sent().size(), "B's own broadcast did not come back to it");
        assertEquals(2, busA.stats().received(), "the client message and the broadcast");
        assertEquals(1, busB.stats().received(), "the user message");
    }

    @Test
    void concurrentJoinsLeavesAndClosesLeaveNoSubscriptionBehind() throws Exception {
        InMemoryBus busA = network.join("a");
        InMemoryBus probe = network.join("probe");
        probe.start(message -> {
        });
        Hub hub = node(busA);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            connections.add(authenticated(hub, new MemoryTransport(false), "user" + (i % 10)));
        }
        List<Callable<?>> tasks = new ArrayList<>();
        for (Connection connection : connections) {
            tasks.add(() -> {
                for (int r = 0; r < 10; r++) {
                    hub.joinRoom(connection.id(), "room-" + r);
                }
                return hub.leaveRoom(connection.id(), "room-1");
            });
            tasks.add(() -> {
                connection.link().onClose(1006, "gone");
                return null;
            });
        }
        Together.run(4, tasks);
        assertEquals(0, hub.clientCount());

        List<ClusterChannel> probes = new ArrayList<>(List.of(ClusterChannel.broadcast(),
                ClusterChannel.room("ws-default")));
        for (int i = 0; i < 10; i++) {
            probes.add(ClusterChannel.room("room-" + i));
            probes.add(ClusterChannel.user("user" + i));
        }
        connections.forEach(c -> probes.add(ClusterChannel.client(c.id())));
        connections.forEach(c -> probes.add(ClusterChannel.room(c.id())));
        probes.forEach(channel -> probe.publish(channel, "probe", null, null));
        assertEquals(0, busA.stats().received(), "a channel stayed subscribed without local members");

        Connection late = authenticated(hub, new MemoryTransport(false), "user3");
        hub.joinRoom(late.id(), "room-4");
        probe.publish(ClusterChannel.room("room-4"), "probe", null, null);
        assertEquals(1, busA.stats().received());
    }

    @Test
    void presenceOnTheHubAndShutdownClosesTheBus() {
        InMemoryBus bus = network.join("a");
        InMemoryPresenceStore presence = new InMemoryPresenceStore("a");
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).cluster(bus)
                .presence(presence).build();
        Connection alice = authenticated(hub, new MemoryTransport(false), "alice");
        assertEquals(Map.of(alice.id(), "a"), hub.presence("ws-default"));
        assertTrue(hub.isOnline("alice"));
        assertEquals("a", hub.serverId());
        hub.shutdown();
        assertFalse(bus.publish(ClusterChannel.broadcast(), "late", null, null), "bus closed");
        assertFalse(presence.isOnline("alice"));
        assertEquals(Map.of(), presence.members("ws-default"));
    }
}
