package dev.switchboard.core.internal.hub;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.Envelope;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.internal.codec.Inbound;
import dev.switchboard.core.internal.delivery.LocalDelivery;
import dev.switchboard.core.internal.codec.OutboundFrame;
import dev.switchboard.core.internal.codec.ProtocolPayloads;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionRegistry;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.metrics.Metrics;
import dev.switchboard.core.internal.session.Session;
import dev.switchboard.core.internal.session.SessionTokens;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * {@code resume {token, lastSeq}} as a new socket's first message: verifies the token, moves the
 * session onto the new socket, and queues {@code resumed} followed by every buffered message after
 * {@code lastSeq}, before any live message; or answers {@code resumed {recovered: false}} and leaves
 * the socket UNAUTHORIZED, free to authenticate anew. A session still attached to another socket is
 * taken over (that socket is closed with 4005). A token naming a session of another node (its
 * {@code srv} claim) is handed to the {@link Forwarder} (the visitor relays); that node resumes
 * the session there through {@link #resumeHere} with a socket relayed over the bus.
 *
 * <p>Stateless. The state namespaces' {@code validate} (application code) runs first, holding no
 * lock; then the check and the move happen in one step under the session's monitor (inside it,
 * the new connection's monitor is taken to retire it: always in that order); state restore,
 * listeners and socket writes happen after it is released.
 */
public final class ResumeFlow {

    public static final String RESUME_DISABLED = "RESUME_DISABLED";
    public static final String INVALID_TOKEN = "INVALID_TOKEN";
    public static final String MESSAGES_LOST = "MESSAGES_LOST";
    public static final String STATE_REJECTED = "STATE_REJECTED";
    public static final String SESSION_UNAVAILABLE = "SESSION_UNAVAILABLE";

    private static final EnumSet<ClientState> UNAUTHORIZED = EnumSet.of(ClientState.UNAUTHORIZED);

    /** Sends a resume for a session of another node there; implemented by the visitor relays. */
    @FunctionalInterface
    public interface Forwarder {
        void forward(Connection fresh, SessionTokens.Claims claims, String token, long lastSeq);
    }

    /** Where a resumed session goes: a socket of this node, or a socket of another node relayed over the bus. */
    public interface Target {

        /** The socket the session moves to. */
        Link link();

        /** Under the session's monitor, just before the move: retires what held the socket; false when it is gone. */
        boolean retire();

        /** After the move, outside the monitor. */
        void attached();

        /** The resume is refused with this reason; the session, if any, stays where it was. */
        void refused(String reason);
    }

    private record Request(String token, long lastSeq) {
    }

    /** What the step under the session's monitor decided. */
    private record Outcome(String refusal, boolean endSession, Link previous, boolean tookOver,
                           Map<String, Object> saved, int replayed) {
        /** The target's socket was closed meanwhile (auth timeout). */
        static final Outcome GONE = new Outcome(null, false, null, false, Map.of(), 0);

        static Outcome refused(String reason, boolean endSession) {
            return new Outcome(reason, endSession, null, false, Map.of(), 0);
        }
    }

    private final String serverId;
    private final ConnectionRegistry registry;
    private final Suspensions suspensions;
    private final Forwarder forwarder;
    private final LocalDelivery delivery;
    private final Lifecycle lifecycle;
    private final DebugLog debug;
    private final Metrics metrics;

    public ResumeFlow(String serverId, HubContext context, Suspensions suspensions, Lifecycle lifecycle,
                      Forwarder forwarder) {
        this.serverId = serverId;
        this.registry = context.registry();
        this.suspensions = suspensions;
        this.forwarder = forwarder;
        this.delivery = context.delivery();
        this.lifecycle = lifecycle;
        this.debug = context.debug();
        this.metrics = context.metrics();
    }

    public void resume(Connection fresh, Inbound message) {
        if (fresh.state() != ClientState.UNAUTHORIZED) {
            lifecycle.sendError(fresh, ErrorCodes.ALREADY_AUTHENTICATED, "Already authenticated", message.id());
            return;
        }
        Request request = request(message);
        if (request == null) {
            lifecycle.sendError(fresh, ErrorCodes.INVALID_MESSAGE_FORMAT,
                    "'resume' needs data {\"token\": string, \"lastSeq\": integer >= 0}", message.id());
            return;
        }
        LocalSocket target = new LocalSocket(fresh);
        if (!suspensions.enabled()) {
            refuse(target, RESUME_DISABLED);
            return;
        }
        SessionTokens.Claims claims = suspensions.tokens().verify(request.token());
        if (claims == null) {
            refuse(target, INVALID_TOKEN);
        } else if (!serverId.equals(claims.serverId()) && registry.client(claims.sessionId()) == null) {
            forwarder.forward(fresh, claims, request.token(), request.lastSeq());
        } else {
            resumeHere(claims, request.lastSeq(), target);
        }
    }

    /** Whether the session {@code claims} name is held by this node (live or suspended). */
    public boolean holds(SessionTokens.Claims claims) {
        return registry.client(claims.sessionId()) != null;
    }

    /** Resumes a session of this node, verified by {@code claims}, onto {@code target}'s socket. */
    public void resumeHere(SessionTokens.Claims claims, long lastSeq, Target target) {
        Connection session = registry.client(claims.sessionId());
        if (session == null || session.link() == target.link() || !claims.userId().equals(session.userId())) {
            refuse(target, INVALID_TOKEN);
            return;
        }
        Outcome outcome = null;
        // The saved state can change between its validation and the move only if the session was
        // suspended again meanwhile (another socket resumed and lost it): validate once more, then refuse.
        for (int attempt = 0; attempt < 2 && outcome == null; attempt++) {
            Map<String, Object> saved = savedState(session);
            String rejected = saved.isEmpty() ? null : suspensions.namespaces().rejected(session, saved);
            synchronized (session) {
                outcome = move(session, target, claims, lastSeq, saved, rejected);
            }
        }
        if (outcome == null) {
            outcome = Outcome.refused(INVALID_TOKEN, false);
        }
        if (outcome == Outcome.GONE) {
            return;
        }
        if (outcome.refusal() != null) {
            if (outcome.endSession()) {
                lifecycle.ended(session, ClientState.SUSPENDED, CloseCodes.SESSION_NOT_RECOVERED, "Session not recovered");
            }
            refuse(target, outcome.refusal());
            return;
        }
        target.attached();
        metrics.resume("recovered");
        if (outcome.tookOver()) {
            outcome.previous().closeNow(CloseCodes.SESSION_TAKEN_OVER, "Session taken over");
        }
        suspensions.namespaces().restore(session, outcome.saved());
        debug.connection("{} resumed by user {}: {} replayed{}", session.id(), session.userId(), outcome.replayed(),
                outcome.tookOver() ? ", took over the previous socket" : "");
        lifecycle.notifyListeners(listener -> listener.onResumed(session));
        session.flush();
    }

    /** Refuses the resume, counting the reason. */
    private void refuse(Target target, String reason) {
        metrics.resume(reason);
        target.refused(reason);
    }

    /** The state saved at the session's suspension (empty if none), read under its monitor. */
    private static Map<String, Object> savedState(Connection session) {
        synchronized (session) {
            Session state = session.session();
            return state == null ? Map.of() : state.saved();
        }
    }

    /**
     * Under the session's monitor: the token must be the one issued last to a live session, every
     * message after {@code lastSeq} must still be buffered, and the saved state validated outside
     * the monitor ({@code rejected}: the failing namespace or null) must still be the session's;
     * then the target is retired and the session moves onto its socket with {@code resumed} and the
     * replay queued. @return {@link Outcome#GONE} when the target's socket was closed meanwhile,
     * null when the saved state changed since it was validated (validate again)
     */
    private Outcome move(Connection session, Target target, SessionTokens.Claims claims, long lastSeq,
                         Map<String, Object> validated, String rejected) {
        Session state = session.session();
        ClientState was = session.state();
        if (state == null || was != ClientState.AUTHENTICATED && was != ClientState.SUSPENDED
                || !state.accepts(claims)) {
            return Outcome.refused(INVALID_TOKEN, false);
        }
        if (state.saved() != validated) {
            return null;
        }
        boolean suspended = was == ClientState.SUSPENDED;
        List<OutboundFrame> replay = state.buffer().after(lastSeq);
        if (replay == null) {
            return Outcome.refused(MESSAGES_LOST, suspended && session.disconnect(Lifecycle.SUSPENDED) != null);
        }
        if (rejected != null) {
            return Outcome.refused(STATE_REJECTED, suspended && session.disconnect(Lifecycle.SUSPENDED) != null);
        }
        if (!target.retire()) {
            return Outcome.GONE;
        }
        state.token(suspensions.tokens().issue(session.id(), session.userId()));
        OutboundFrame resumed = frame(delivery, new ProtocolPayloads.Resumed(session.id(), session.userId(), true,
                replay.size(), state.takeToken(), null));
        Map<String, Object> saved = state.takeSaved();
        Link previous = session.moveTo(target.link(), resumed, replay);
        return new Outcome(null, false, previous, !suspended, saved, replay.size());
    }

    /** The {@code resumed {recovered: false}} answer with its reason. */
    public static OutboundFrame refusal(LocalDelivery delivery, String reason) {
        return frame(delivery, new ProtocolPayloads.Resumed(null, null, false, 0, null, reason));
    }

    private static OutboundFrame frame(LocalDelivery delivery, ProtocolPayloads.Resumed resumed) {
        return delivery.frame(Envelope.of("resumed", resumed));
    }

    /** A new socket of this node, UNAUTHORIZED until the session moves onto it. */
    private final class LocalSocket implements Target {
        private final Connection fresh;

        LocalSocket(Connection fresh) {
            this.fresh = fresh;
        }

        @Override
        public Link link() {
            return fresh.link();
        }

        @Override
        public boolean retire() {
            return fresh.disconnect(UNAUTHORIZED) != null;
        }

        @Override
        public void attached() {
            registry.remove(fresh);
            fresh.cancelAuthTimer();
        }

        @Override
        public void refused(String reason) {
            debug.error("{} resume refused: {}", fresh.id(), reason);
            fresh.enqueue(refusal(delivery, reason));
        }
    }

    private static Request request(Inbound message) {
        if (message.json() instanceof JsonObject data && data.get("token") instanceof JsonString token
                && data.get("lastSeq") instanceof JsonNumber lastSeq && lastSeq.isIntegral()) {
            try {
                long value = lastSeq.longValueExact();
                return value < 0 ? null : new Request(token.getString(), value);
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }
}
