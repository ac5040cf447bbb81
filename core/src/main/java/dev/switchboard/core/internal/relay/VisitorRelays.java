package dev.switchboard.core.internal.relay;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.PresenceStore;
import dev.switchboard.core.hub.HubConfig;
import dev.switchboard.core.internal.delivery.LocalDelivery;
import dev.switchboard.core.internal.hub.DebugLog;
import dev.switchboard.core.internal.hub.HubContext;
import dev.switchboard.core.internal.hub.Lifecycle;
import dev.switchboard.core.internal.hub.ResumeFlow;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.connection.LinkHandler;
import dev.switchboard.core.internal.session.SessionTokens;

import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The visitor side of a relay: sockets of this node serving sessions held by another node. A resume
 * naming a session of another node is sent there ({@code handover}) unless presence shows another node
 * holding it; the socket stays UNAUTHORIZED until the home node's first {@code relay:out} frame (the
 * session's {@code resumed}) makes it a relay, or a refusal or the handover timeout answers
 * {@code resumed {recovered: false}}. A relay passes every client frame home, writes what the home
 * node sends, reports its socket's end, and is closed with 1011 once the home node has been silent
 * for the heartbeat timeout (it sends {@code relay:alive} every heartbeat interval), so its client
 * reconnects instead of waiting on a dead node.
 *
 * <p>A socket that becomes a relay gets its own {@link LinkHandler} ({@link RelayedSocket}), so
 * frames of ordinary sockets never pass through this class. The presence lookup that decides
 * whether to forward a resume runs on the relay pool, never on the container thread.
 *
 * <p>Concurrency: pending and active relays are concurrent maps keyed by the socket's connection id;
 * a socket becomes a relay in one step ({@link Connection#disconnect}) that races its auth timeout
 * and close safely. Home nodes with active relays are counted in a concurrent map, changed only
 * inside its atomic {@code compute} steps, so it holds exactly the homes still in use.
 */
public final class VisitorRelays implements ResumeFlow.Forwarder {

    private static final EnumSet<ClientState> UNAUTHORIZED = EnumSet.of(ClientState.UNAUTHORIZED);

    /** A socket whose resume was forwarded; its handover timer starts once the handover is sent. */
    private static final class Pending {
        private final Connection socket;
        private final String home;
        private volatile Future<?> timer;

        Pending(Connection socket, String home) {
            this.socket = socket;
            this.home = home;
        }

        Connection socket() {
            return socket;
        }

        String home() {
            return home;
        }

        void cancelTimer() {
            Future<?> current = timer;
            if (current != null) {
                current.cancel(false);
            }
        }
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
    private final LocalDelivery delivery;
    private final Lifecycle lifecycle;
    private final DebugLog debug;
    private final Executor pool;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Active> active = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Home> homes = new ConcurrentHashMap<>();

    /** @param pool where presence lookups run (they may block on the store) */
    public VisitorRelays(ClusterBus bus, PresenceStore presence, HubContext context, Lifecycle lifecycle,
                         Executor pool) {
        this.bus = bus;
        this.presence = presence;
        this.codec = context.codec();
        this.config = context.config();
        this.registry = context.registry();
        this.delivery = context.delivery();
        this.lifecycle = lifecycle;
        this.debug = context.debug();
        this.pool = pool;
    }

    /**
     * Sends a resume for a session of {@code claims.serverId()} there, once presence confirms that
     * node holds it (looked up on the relay pool); its answer arrives on the bus. The socket is
     * pending from this call on, so a second resume on it is refused at once.
     */
    @Override
    public void forward(Connection fresh, SessionTokens.Claims claims, String token, long lastSeq) {
        Pending waiting = new Pending(fresh, claims.serverId());
        if (pending.putIfAbsent(fresh.id(), waiting) != null) {
            lifecycle.sendError(fresh, ErrorCodes.INVALID_MESSAGE_FORMAT, "A resume is already in progress", null);
            return;
        }
        try {
            pool.execute(() -> handOver(waiting, claims, token, lastSeq));
        } catch (RejectedExecutionException e) {
            timedOut(fresh.id());
        }
    }

    /**
     * On the relay pool: asks presence, then the home node (the handover timeout counts from here),
     * or refuses when another node holds the session.
     */
    private void handOver(Pending waiting, SessionTokens.Claims claims, String token, long lastSeq) {
        Connection fresh = waiting.socket();
        String holder = holder(claims);
        if (holder != null && !holder.equals(waiting.home())) {
            if (pending.remove(fresh.id(), waiting)) {
                refuse(fresh, ResumeFlow.SESSION_UNAVAILABLE);
            }
            return;
        }
        waiting.timer = lifecycle.schedule("handover timeout of " + fresh.id(), () -> timedOut(fresh.id()),
                config.resumption().handoverTimeout());
        if (waiting.timer == null) {
            timedOut(fresh.id());
            return;
        }
        if (pending.get(fresh.id()) != waiting) {
            waiting.cancelTimer();
            return;
        }
        debug.connection("{} resume of session {} forwarded to node {}", fresh.id(), claims.sessionId(),
                waiting.home());
        if (!send(waiting.home(), RelayMessages.HANDOVER,
                new RelayMessages.Handover(fresh.id(), token, lastSeq, fresh.handshake()))) {
            timedOut(fresh.id());
        }
    }

    /**
     * The node presence shows holding the session, or null when it shows none. Presence is written
     * after the session is admitted and may lag, so "none" still asks the home node, whose refusal
     * or silence (the handover timeout) answers the client; only another node named as holder refuses
     * at once. An unreachable store answers the home node (ask anyway).
     */
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
    public void refused(String home, RelayMessages.Refused refused) {
        Pending waiting = pending.get(refused.relay());
        if (waiting != null && waiting.home().equals(home) && pending.remove(refused.relay(), waiting)) {
            waiting.cancelTimer();
            refuse(waiting.socket(), refused.reason());
        }
    }

    /** {@code relay:out}: a frame for the socket; the first one turns a pending socket into a relay. */
    public void outbound(String home, RelayMessages.Frame frame) {
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
        waiting.cancelTimer();
        Connection socket = waiting.socket();
        Active relay = new Active(socket, home);
        homes.compute(home, (node, known) -> {
            Home counted = known == null ? new Home() : known;
            counted.relays++;
            return counted;
        });
        active.put(id, relay);
        socket.link().handler(new RelayedSocket(relay));
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
    public void close(String home, RelayMessages.Close close) {
        Active relay = active.get(close.relay());
        if (relay != null && relay.home().equals(home) && remove(relay)) {
            lifecycle.closePolitely(relay.socket().link(), close.code(), close.reason());
        }
    }

    /** A message from {@code node} arrived: it lives. */
    public void heard(String node) {
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

    /** Closes, with 1011, relays whose home node has been silent longer than the heartbeat timeout. */
    public void sweep(long nowNanos) {
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
    public void shutdown() {
        for (Active relay : active.values()) {
            if (remove(relay)) {
                send(relay.home(), RelayMessages.CLOSED, new RelayMessages.Close(relay.socket().id(),
                        CloseCodes.CLOSED_ABNORMALLY, "Node shutting down"));
                lifecycle.closePolitely(relay.socket().link(), CloseCodes.GOING_AWAY, "Server shutting down");
            }
        }
        pending.values().forEach(Pending::cancelTimer);
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

    private void refuse(Connection socket, String reason) {
        debug.error("{} resume refused: {}", socket.id(), reason);
        socket.enqueue(ResumeFlow.refusal(delivery, reason));
    }

    private boolean send(String node, String event, Object data) {
        return bus.publish(ClusterChannel.node(node), event, codec.dataJson(data), null);
    }

    /** The handler of a socket relaying a session of another node: its frames and its end go home. */
    private final class RelayedSocket implements LinkHandler {
        private final Active relay;

        RelayedSocket(Active relay) {
            this.relay = relay;
        }

        @Override
        public void onText(Link link, String text) {
            if (!send(relay.home(), RelayMessages.IN, new RelayMessages.Frame(relay.socket().id(), text))) {
                drop(relay, CloseCodes.INTERNAL_ERROR, "Cluster bus unavailable");
            }
        }

        /** Binary frames are not supported: answered here. */
        @Override
        public void onBinary(Link link) {
            lifecycle.sendError(relay.socket(), ErrorCodes.UNSUPPORTED_FRAME,
                    "Binary frames are not supported; send JSON text frames", null);
        }

        /** The socket ended: its home node is told (1006 suspends the session there). */
        @Override
        public void onClose(Link link, int code, String reason) {
            relay.socket().link().transportClosed();
            if (remove(relay)) {
                send(relay.home(), RelayMessages.CLOSED, new RelayMessages.Close(relay.socket().id(), code, reason));
            }
        }

        /** The socket is closed and its session suspended at home. */
        @Override
        public void onError(Link link, Throwable error) {
            drop(relay, CloseCodes.INTERNAL_ERROR, "Unexpected error");
        }
    }
}
