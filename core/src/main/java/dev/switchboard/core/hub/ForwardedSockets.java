package dev.switchboard.core.hub;

import dev.switchboard.core.internal.codec.RelayMessages;
import dev.switchboard.api.ClientState;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.session.SessionTokens;

import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * The visitor side of a relay: sockets of this node serving sessions held by another node. A resume
 * naming a session of another node is sent there ({@code handover}) when presence shows that node
 * holding it; the socket stays UNAUTHORIZED until the home node's first {@code relay:out} frame (the
 * session's {@code resumed}) makes it a relay, or a refusal or the handover timeout answers
 * {@code resumed {recovered: false}}. A relay passes every client frame home, writes what the home
 * node sends, reports its socket's end, and is closed with 1011 once the home node has been silent
 * for the heartbeat timeout (it sends {@code relay:alive} every heartbeat interval), so its client
 * reconnects instead of waiting on a dead node.
 *
 * <p>Concurrency: pending and active relays are concurrent maps keyed by the socket's connection id;
 * a socket becomes a relay in one step ({@link Connection#disconnect}) that races its auth timeout
 * and close safely. Home nodes with active relays are counted in a concurrent map, changed only
 * inside its atomic {@code compute} steps, so it holds exactly the homes still in use.
 */
final class ForwardedSockets {

    private static final EnumSet<ClientState> UNAUTHORIZED = EnumSet.of(ClientState.UNAUTHORIZED);

    private record Pending(Connection socket, String home, Future<?> timer) {
    }

    private record Active(Connection socket, String home) {
    }

    /** A home node with active relays here: how many, and when it was last heard from. */
    private static final class Home {
        private int relays;
        private volatile long heardNanos = System.nanoTime();
    }

    private final ClusterBus bus;
    private final PresenceStore presence;
    private final JsonCodec codec;
    private final HubConfig config;
    private final ConnectionRegistry registry;
    private final Delivery delivery;
    private final Lifecycle lifecycle;
    private final DebugLog debug;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Active> active = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Home> homes = new ConcurrentHashMap<>();

    ForwardedSockets(ClusterBus bus, PresenceStore presence, JsonCodec codec, HubConfig config,
                     ConnectionRegistry registry, Delivery delivery, Lifecycle lifecycle, DebugLog debug) {
        this.bus = bus;
        this.presence = presence;
        this.codec = codec;
        this.config = config;
        this.registry = registry;
        this.delivery = delivery;
        this.lifecycle = lifecycle;
        this.debug = debug;
    }

    /** Sends a resume for a session of {@code claims.serverId()} there; its answer arrives on the bus. */
    void forward(Connection fresh, SessionTokens.Claims claims, String token, long lastSeq) {
        String home = claims.serverId();
        if (!home.equals(holder(claims))) {
            refuse(fresh, ResumeFlow.SESSION_UNAVAILABLE);
            return;
        }
        Future<?> timer = lifecycle.schedule("handover timeout of " + fresh.id(), () -> timedOut(fresh.id()),
                config.resumption().handoverTimeout());
        if (timer == null || pending.putIfAbsent(fresh.id(), new Pending(fresh, home, timer)) != null) {
            if (timer != null) {
                timer.cancel(false);
                lifecycle.sendError(fresh, ErrorCodes.INVALID_MESSAGE_FORMAT, "A resume is already in progress", null);
            }
            return;
        }
        debug.connection("{} resume of session {} forwarded to node {}", fresh.id(), claims.sessionId(), home);
        if (!send(home, RelayMessages.HANDOVER,
                new RelayMessages.Handover(fresh.id(), token, lastSeq, fresh.handshake()))) {
            timedOut(fresh.id());
        }
    }

    /** The node presence shows holding the session, or null (none, or the store is unreachable: then ask anyway). */
    private String holder(SessionTokens.Claims claims) {
        try {
            return presence.clientsOf(claims.userId()).get(claims.sessionId());
        } catch (RuntimeException e) {
            debug.error("presence lookup for a resume failed: {}", e.toString());
            return claims.serverId();
        }
    }

    private void timedOut(String relay) {
        Pending waiting = pending.remove(relay);
        if (waiting != null) {
            refuse(waiting.socket(), ResumeFlow.SESSION_UNAVAILABLE);
        }
    }

    /** {@code handover:refused} from the home node. */
    void refused(String home, RelayMessages.Refused refused) {
        Pending waiting = pending.get(refused.relay());
        if (waiting != null && waiting.home().equals(home) && pending.remove(refused.relay(), waiting)) {
            waiting.timer().cancel(false);
            refuse(waiting.socket(), refused.reason());
        }
    }

    /** {@code relay:out}: a frame for the socket; the first one turns a pending socket into a relay. */
    void outbound(String home, RelayMessages.Frame frame) {
        Active relay = active.get(frame.relay());
        if (relay == null) {
            relay = activate(home, frame.relay());
        }
        if (relay == null || !relay.home().equals(home)) {
            send(home, RelayMessages.CLOSED, new RelayMessages.Close(frame.relay(), CloseCodes.CLOSED_ABNORMALLY,
                    "No such socket"));
            return;
        }
        relay.socket().enqueue(OutboundFrame.of(frame.text()));
    }

    /**
     * Makes a pending socket a relay. It is registered as active before it leaves UNAUTHORIZED, so a
     * close racing this step is either seen by {@link #socketClosed} (and reported home) or makes the
     * step fail (and the caller reports the socket gone).
     */
    private Active activate(String home, String id) {
        Pending waiting = pending.get(id);
        if (waiting == null || !waiting.home().equals(home) || !pending.remove(id, waiting)) {
            return null;
        }
        waiting.timer().cancel(false);
        Connection socket = waiting.socket();
        Active relay = new Active(socket, home);
        homes.compute(home, (node, known) -> {
            Home counted = known == null ? new Home() : known;
            counted.relays++;
            return counted;
        });
        active.put(id, relay);
        if (socket.disconnect(UNAUTHORIZED) == null) {
            remove(relay);
            return null;
        }
        registry.remove(socket);
        socket.cancelAuthTimer();
        debug.connection("{} relays session of node {}", id, home);
        return relay;
    }

    /** {@code relay:close}: the home node closes the socket, after what is queued. */
    void close(String home, RelayMessages.Close close) {
        Active relay = active.get(close.relay());
        if (relay != null && relay.home().equals(home) && remove(relay)) {
            lifecycle.closePolitely(relay.socket().link(), close.code(), close.reason());
        }
    }

    /** A message from {@code node} arrived: it lives. */
    void heard(String node) {
        Home home = homes.get(node);
        if (home != null) {
            home.heardNanos = System.nanoTime();
        }
    }

    /** Ends an active relay's entry once. @return false when it was already gone */
    private boolean remove(Active relay) {
        if (!active.remove(relay.socket().id(), relay)) {
            return false;
        }
        homes.computeIfPresent(relay.home(), (node, home) -> --home.relays == 0 ? null : home);
        return true;
    }

    /** A text frame from a socket: true when it is a relay and the frame went home. */
    boolean inbound(Link link, String text) {
        Active relay = relayOf(link);
        if (relay == null) {
            return false;
        }
        if (!send(relay.home(), RelayMessages.IN, new RelayMessages.Frame(relay.socket().id(), text))) {
            drop(relay, CloseCodes.INTERNAL_ERROR, "Cluster bus unavailable");
        }
        return true;
    }

    /** A binary frame from a socket: true when it is a relay (answered here: binary frames are not supported). */
    boolean binary(Link link) {
        Active relay = relayOf(link);
        if (relay != null) {
            lifecycle.sendError(relay.socket(), ErrorCodes.UNSUPPORTED_FRAME,
                    "Binary frames are not supported; send JSON text frames", null);
        }
        return relay != null;
    }

    /** The container closed a socket: a relay tells its home node (1006 suspends the session there). */
    void socketClosed(Link link, int code, String reason) {
        Active relay = relayOf(link);
        if (relay != null && remove(relay)) {
            send(relay.home(), RelayMessages.CLOSED, new RelayMessages.Close(relay.socket().id(), code, reason));
        }
    }

    /** The container reported an error on a socket: a relay is closed and its session suspended at home. */
    boolean socketFailed(Link link) {
        Active relay = relayOf(link);
        if (relay != null) {
            drop(relay, CloseCodes.INTERNAL_ERROR, "Unexpected error");
        }
        return relay != null;
    }

    /** Closes, with 1011, relays whose home node has been silent longer than the heartbeat timeout. */
    void sweep(long nowNanos) {
        long limit = config.heartbeatTimeout().toNanos();
        for (Active relay : active.values()) {
            Home home = homes.get(relay.home());
            if (home == null || nowNanos - home.heardNanos > limit) {
                debug.error("{} home node {} silent: closing the relay", relay.socket().id(), relay.home());
                drop(relay, CloseCodes.INTERNAL_ERROR, "Session node unreachable");
            }
        }
    }

    /** The hub shuts down: every relay's session is suspended at home (its client may resume elsewhere), sockets get 1001. */
    void shutdown() {
        for (Active relay : active.values()) {
            if (remove(relay)) {
                send(relay.home(), RelayMessages.CLOSED, new RelayMessages.Close(relay.socket().id(),
                        CloseCodes.CLOSED_ABNORMALLY, "Node shutting down"));
                lifecycle.closePolitely(relay.socket().link(), CloseCodes.GOING_AWAY, "Server shutting down");
            }
        }
        pending.values().forEach(waiting -> waiting.timer().cancel(false));
        pending.clear();
    }

    /** Ends a relay from this side: the socket is closed and the home node suspends the session. */
    private void drop(Active relay, int code, String reason) {
        if (remove(relay)) {
            send(relay.home(), RelayMessages.CLOSED, new RelayMessages.Close(relay.socket().id(),
                    CloseCodes.CLOSED_ABNORMALLY, reason));
            relay.socket().link().closeNow(code, reason);
        }
    }

    /** The relay a socket serves, or null. Called for every frame and close on this node: no lookup while there is no relay. */
    private Active relayOf(Link link) {
        Connection socket = link.connection();
        if (socket == null || active.isEmpty()) {
            return null;
        }
        Active relay = active.get(socket.id());
        return relay != null && relay.socket() == socket ? relay : null;
    }

    private void refuse(Connection socket, String reason) {
        debug.error("{} resume refused: {}", socket.id(), reason);
        socket.enqueue(ResumeFlow.refusal(delivery, reason));
    }

    private boolean send(String node, String event, Object data) {
        return bus.publish(ClusterChannel.node(node), event, codec.dataJson(data), null);
    }
}
