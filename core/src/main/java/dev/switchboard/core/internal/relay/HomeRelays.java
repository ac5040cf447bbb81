package dev.switchboard.core.internal.relay;

import dev.switchboard.api.internal.SerialExecutor;
import dev.switchboard.api.ClusterBus;
import dev.switchboard.api.ClusterChannel;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.internal.codec.JsonCodec;
import dev.switchboard.core.internal.hub.ResumeFlow;
import dev.switchboard.core.internal.hub.Sockets;
import dev.switchboard.core.internal.hub.Suspensions;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.connection.Transport;
import dev.switchboard.core.internal.session.SessionTokens;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * The home side of a relay: sockets on other nodes serving sessions held here. When another node
 * forwards a resume ({@link RelayMessages#HANDOVER}), the session is resumed exactly as for a local
 * socket, onto a {@link Link} whose transport is the bus and whose handler is a local socket's
 * ({@link Sockets#remote}): its frames go to that node as {@code relay:out} in queue order, and the
 * client's frames come back as {@code relay:in} and are handled here as if the socket were local. The session keeps its rooms, sequence and replay buffer
 * on this node, so nothing is lost or reordered by the change of socket.
 *
 * <p>Concurrency: relays live in a concurrent map keyed by relay id. Everything one relay does (the
 * resume, its client's frames, its close) runs in order on its own {@link SerialExecutor} over a
 * shared pool, never on the bus's subscriber thread, since handlers may block.
 */
public final class HomeRelays {

    private record Relay(String id, String node, Link link, SerialExecutor serial) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HomeRelays.class);

    private final ClusterBus bus;
    private final JsonCodec codec;
    private final Suspensions suspensions;
    private final ResumeFlow resumeFlow;
    private final Sockets sockets;
    private final ExecutorService pool;
    private final ConcurrentHashMap<String, Relay> relays = new ConcurrentHashMap<>();

    public HomeRelays(ClusterBus bus, JsonCodec codec, Suspensions suspensions, ResumeFlow resumeFlow, Sockets sockets,
                      ExecutorService pool) {
        this.bus = bus;
        this.codec = codec;
        this.suspensions = suspensions;
        this.resumeFlow = resumeFlow;
        this.sockets = sockets;
        this.pool = pool;
    }

    /** {@code handover} from {@code visitor}: resume the session onto a socket relayed from there. */
    public void handover(String visitor, RelayMessages.Handover request) {
        if (!suspensions.enabled()) {
            send(visitor, RelayMessages.REFUSED, new RelayMessages.Refused(request.relay(), ResumeFlow.RESUME_DISABLED));
            return;
        }
        Link link = sockets.remote(busTransport(visitor, request.relay()), request.handshake());
        Relay relay = new Relay(request.relay(), visitor, link, new SerialExecutor(pool, HomeRelays::dropRefused));
        if (relays.putIfAbsent(request.relay(), relay) != null) {
            return;
        }
        relay.serial().execute(() -> {
            SessionTokens.Claims claims = suspensions.tokens().verify(request.token());
            Target target = new Target(relay);
            if (claims == null || !bus.serverId().equals(claims.serverId())) {
                target.refused(ResumeFlow.INVALID_TOKEN);
            } else if (!resumeFlow.holds(claims)) {
                target.refused(ResumeFlow.SESSION_UNAVAILABLE);
            } else {
                resumeFlow.resumeHere(claims, request.lastSeq(), target);
            }
        });
    }

    /** {@code relay:in}: the visitor's client sent a frame. */
    public void inbound(String visitor, RelayMessages.Frame frame) {
        Relay relay = relays.get(frame.relay());
        if (relay == null || !relay.node().equals(visitor)) {
            send(visitor, RelayMessages.CLOSE, new RelayMessages.Close(frame.relay(), CloseCodes.INTERNAL_ERROR,
                    "Session unavailable"));
            return;
        }
        relay.serial().execute(() -> relay.link().onText(frame.text()));
    }

    /** {@code relay:closed}: the visitor's socket ended; the session is suspended or ended as for a local socket. */
    public void closed(String visitor, RelayMessages.Close close) {
        Relay relay = relays.get(close.relay());
        if (relay != null && relay.node().equals(visitor) && relays.remove(close.relay(), relay)) {
            relay.serial().execute(() -> relay.link().onClose(close.code(), close.reason()));
        }
    }

    /** Tells every node serving sessions of this one that it lives (see {@link VisitorRelays#sweep}). */
    public void keepAlive() {
        Set<String> visitors = relays.values().stream().map(Relay::node).collect(Collectors.toSet());
        visitors.forEach(visitor -> bus.publish(ClusterChannel.node(visitor), RelayMessages.ALIVE, null, null));
    }

    /** The relay pool is shut down (the hub is stopping): a relay's task is dropped, never run on the bus thread. */
    private static void dropRefused(Runnable task) {
        LOG.debug("Dropping a relayed socket's task: the hub is shutting down");
    }

    /** @return false if the bus dropped the message */
    private boolean send(String node, String event, Object data) {
        return bus.publish(ClusterChannel.node(node), event, codec.dataJson(data), null);
    }

    /** The resume target of a handover: the relayed socket; a refusal goes back to the visitor. */
    private final class Target implements ResumeFlow.Target {
        private final Relay relay;

        Target(Relay relay) {
            this.relay = relay;
        }

        @Override
        public Link link() {
            return relay.link();
        }

        @Override
        public boolean retire() {
            return relays.get(relay.id()) == relay;
        }

        @Override
        public void attached() {
        }

        @Override
        public void refused(String reason) {
            relays.remove(relay.id(), relay);
            send(relay.node(), RelayMessages.REFUSED, new RelayMessages.Refused(relay.id(), reason));
        }
    }

    /**
     * A socket on another node as seen through the bus. A frame counts as written once the bus has
     * queued it (the bus keeps order and bounds its outbox); a frame the bus drops fails the send,
     * which suspends the session like a lost socket.
     */
    private Transport busTransport(String visitor, String id) {
        return new Transport() {
            @Override
            public void sendText(String text, Completion completion) {
                boolean queued = send(visitor, RelayMessages.OUT, new RelayMessages.Frame(id, text));
                completion.done(queued ? null : new IOException("The cluster bus dropped a relayed frame"));
            }

            @Override
            public void close(int code, String reason) {
                Relay relay = relays.remove(id);
                if (relay != null) {
                    send(visitor, RelayMessages.CLOSE, new RelayMessages.Close(id, code, reason));
                }
            }
        };
    }
}
