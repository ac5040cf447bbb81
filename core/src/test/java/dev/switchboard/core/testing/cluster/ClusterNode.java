package dev.switchboard.core.testing.cluster;

import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.Message;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.cluster.RedisBus;
import dev.switchboard.core.cluster.RedisBusBuilder;
import dev.switchboard.core.cluster.RedisPresenceStore;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.hub.HubBuilder;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One node of a test cluster: a hub on a {@link RedisBus} (quick reconnects) and a
 * {@link RedisPresenceStore} with a short lease, served by a real Tyrus {@link TestServer}. Every
 * room join is allowed, and a client's {@code relay} event makes its node send on its behalf, so a
 * node in another process can be made to send. Thread-safe as the hub is.
 */
public final class ClusterNode implements AutoCloseable {

    /** What a {@code relay} event asks the node to send: kind is client, user, room or broadcast. */
    public record Relay(String kind, String target, String event, Object data, List<String> exclude) {
    }

    private final Hub hub;
    private final TestServer server;

    private ClusterNode(Hub hub) {
        this.hub = hub;
        this.server = TestServer.start(hub);
    }

    public static ClusterNode start(String redisUrl, String prefix, String serverId, Duration lease) {
        return start(redisUrl, prefix, serverId, lease, UnaryOperator.identity());
    }

    /** As {@link #start(String, String, String, Duration)} with more settings applied to the hub's builder. */
    public static ClusterNode start(String redisUrl, String prefix, String serverId, Duration lease,
                                    UnaryOperator<HubBuilder> settings) {
        return start(redisUrl, prefix, serverId, lease, UnaryOperator.identity(), settings);
    }

    /** As above, with more settings applied to the bus's builder (e.g. a shorter health check, its cluster log). */
    public static ClusterNode start(String redisUrl, String prefix, String serverId, Duration lease,
                                    UnaryOperator<RedisBusBuilder> busSettings, UnaryOperator<HubBuilder> settings) {
        ClusterBus bus = busSettings.apply(RedisBus.builder(redisUrl).prefix(prefix).serverId(serverId)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).timeout(Duration.ofMillis(500))).build();
        PresenceStore presence = new RedisPresenceStore(redisUrl, prefix, serverId, lease);
        Hub[] self = new Hub[1];
        Hub hub = settings.apply(Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .roomValidator((client, rooms) -> rooms)
                .messageHandler((client, message) -> relay(self[0], message))
                .cluster(bus).presence(presence))
                .build();
        self[0] = hub;
        return new ClusterNode(hub);
    }

    private static void relay(Hub hub, Message message) {
        if (!"relay".equals(message.event())) {
            return;
        }
        Relay relay = message.data(Relay.class);
        switch (relay.kind()) {
            case "client" -> hub.sendToClient(relay.target(), relay.event(), relay.data());
            case "user" -> hub.sendToUser(relay.target(), relay.event(), relay.data());
            case "room" -> hub.sendToRoom(relay.target(), relay.event(), relay.data(),
                    relay.exclude() == null ? List.of() : relay.exclude());
            case "broadcast" -> hub.broadcast(relay.event(), relay.data(),
                    relay.exclude() == null ? List.of() : relay.exclude());
            default -> throw new IllegalArgumentException("unknown relay kind " + relay.kind());
        }
    }

    public Hub hub() {
        return hub;
    }

    public int port() {
        return server.port();
    }

    public URI uri() {
        return server.uri();
    }

    /** A client of {@code user} connected and authenticated on this node. */
    public WsClient connect(String user) {
        return WsClient.authenticated(uri(), user);
    }

    @Override
    public void close() {
        server.close();
    }
}
