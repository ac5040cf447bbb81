package dev.switchboard.core.internal.hub;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.Envelope;
import dev.switchboard.core.internal.codec.ProtocolPayloads;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.session.ReplayBuffer;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.internal.delivery.LocalDelivery;
import dev.switchboard.core.internal.session.Session;
import dev.switchboard.core.internal.session.SessionTokens;
import dev.switchboard.core.internal.session.StateNamespaces;

import java.time.Duration;
import java.util.Map;

/**
 * The session side of a connection's life when resumption is on: gives an authenticated
 * connection its {@link Session}, suspends it when its socket is lost (saving its state
 * namespaces), ends it when the disconnection TTL runs out, and refreshes its token while attached.
 * With resumption off every method is a no-op answering false/null.
 *
 * <p>Holds no mutable state of its own; each session changes under its connection's monitor, and
 * listeners and sockets are called outside it.
 */
public final class Suspensions {

    private static final Duration MIN_SWEEP = Duration.ofMillis(20);
    private static final Duration MAX_SWEEP = Duration.ofSeconds(1);

    private final Resumption resumption;
    private final SessionTokens tokens;
    private final StateNamespaces namespaces;
    private final Hooks hooks;
    private final LocalDelivery delivery;
    private final DebugLog debug;

    /** @param tokens the session token issuer and verifier; null when resumption is off */
    public Suspensions(Resumption resumption, SessionTokens tokens, StateNamespaces namespaces, HubContext context) {
        this.resumption = resumption;
        this.tokens = tokens;
        this.namespaces = namespaces;
        this.hooks = context.hooks();
        this.delivery = context.delivery();
        this.debug = context.debug();
    }

    public boolean enabled() {
        return tokens != null;
    }

    public SessionTokens tokens() {
        return tokens;
    }

    public StateNamespaces namespaces() {
        return namespaces;
    }

    /** Period of the session sweep: a tenth of the TTL, between 20 ms and 1 s. */
    public Duration sweepPeriod() {
        Duration tenth = resumption.ttl().dividedBy(10);
        return tenth.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : tenth.compareTo(MAX_SWEEP) > 0 ? MAX_SWEEP : tenth;
    }

    /** A new session for a connection being admitted (caller holds its monitor); null when resumption is off. */
    public Session open(Connection connection) {
        if (tokens == null) {
            return null;
        }
        return new Session(new ReplayBuffer(resumption.bufferSize(), resumption.bufferBytes()),
                tokens.issue(connection.id(), connection.userId()));
    }

    /**
     * The session's socket {@code link} is lost: AUTHENTICATED → SUSPENDED with its state
     * namespaces saved, the socket closed with {@code code} when {@code closeSocket} (it may still be
     * open: heartbeat timeout, container error), and {@code onSuspended} told. The namespaces'
     * {@code save} (application code) runs first, on the calling thread and holding no lock; when the
     * session has moved on meanwhile its result is discarded.
     *
     * @return false when this is not a session attached to {@code link} (nothing changed)
     */
    public boolean suspend(Connection connection, Link link, int code, String reason, boolean closeSocket) {
        if (tokens == null || connection.link() != link || connection.state() != ClientState.AUTHENTICATED) {
            return false;
        }
        Map<String, Object> saved = namespaces.isEmpty() ? Map.of() : namespaces.save(connection);
        synchronized (connection) {
            if (!connection.suspend(link)) {
                return false;
            }
            connection.session().suspended(System.nanoTime() + resumption.ttl().toNanos(), saved);
        }
        if (closeSocket) {
            link.closeNow(code, reason);
        } else {
            link.transportClosed();
        }
        debug.connection("{} suspended ({} {}) for {}", connection.id(), code, reason, resumption.ttl());
        Lifecycle.notify(hooks.listeners(), listener -> listener.onSuspended(connection));
        return true;
    }

    /** SUSPENDED → DISCONNECTED once the TTL has run out. @return true if it did; the caller cleans up */
    public boolean expire(Connection connection, long nowNanos) {
        if (connection.state() != ClientState.SUSPENDED) {
            return false;
        }
        synchronized (connection) {
            return connection.state() == ClientState.SUSPENDED && connection.session().expired(nowNanos)
                    && connection.disconnect(Lifecycle.SUSPENDED) != null;
        }
    }

    /**
     * Sends an attached session a {@code token} with a later expiry (same {@code jti}) when its token
     * would otherwise expire before a suspension starting now could end.
     */
    public void refreshToken(Connection connection, long nowMillis) {
        if (tokens == null || connection.state() != ClientState.AUTHENTICATED) {
            return;
        }
        synchronized (connection) {
            Session session = connection.session();
            if (session == null || connection.state() != ClientState.AUTHENTICATED
                    || !tokens.refreshDue(session.tokenExpiresAtMillis(), nowMillis, sweepPeriod().multipliedBy(2))) {
                return;
            }
            session.token(tokens.issue(connection.id(), connection.userId(), session.jti()));
            connection.stageProtocol(delivery.frame(Envelope.of("token",
                    new ProtocolPayloads.Token(session.takeToken()))));
        }
        connection.flush();
    }
}
