package dev.switchboard.core.hub;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.Envelope;
import dev.switchboard.core.internal.codec.ProtocolPayloads;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.internal.session.ReplayBuffer;
import dev.switchboard.core.hub.Resumption;
import dev.switchboard.core.internal.session.Session;
import dev.switchboard.core.internal.session.SessionTokens;
import dev.switchboard.core.internal.session.StateNamespaces;

import java.time.Duration;

/**
 * The session side of a connection's life when resumption is on: gives an authenticated
 * connection its {@link Session}, suspends it when its socket is lost (saving its state
 * namespaces), ends it when the disconnection TTL runs out, and refreshes its token while attached.
 * With resumption off every method is a no-op answering false/null.
 *
 * <p>Holds no mutable state of its own; each session changes under its connection's monitor, and
 * listeners and sockets are called outside it.
 */
final class Suspensions {

    private static final Duration MIN_SWEEP = Duration.ofMillis(20);
    private static final Duration MAX_SWEEP = Duration.ofSeconds(1);

    private final Resumption resumption;
    private final SessionTokens tokens;
    private final StateNamespaces namespaces;
    private final Hooks hooks;
    private final Delivery delivery;
    private final DebugLog debug;

    Suspensions(Resumption resumption, String serverId, StateNamespaces namespaces, Hooks hooks, Delivery delivery,
                DebugLog debug) {
        this.resumption = resumption;
        this.tokens = resumption.isEnabled() ? resumption.tokens(serverId) : null;
        this.namespaces = namespaces;
        this.hooks = hooks;
        this.delivery = delivery;
        this.debug = debug;
    }

    boolean enabled() {
        return tokens != null;
    }

    SessionTokens tokens() {
        return tokens;
    }

    StateNamespaces namespaces() {
        return namespaces;
    }

    /** Period of the session sweep: a tenth of the TTL, between 20 ms and 1 s. */
    Duration sweepPeriod() {
        Duration tenth = resumption.ttl().dividedBy(10);
        return tenth.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : tenth.compareTo(MAX_SWEEP) > 0 ? MAX_SWEEP : tenth;
    }

    /** A new session for a connection being admitted (caller holds its monitor); null when resumption is off. */
    Session open(Connection connection) {
        if (tokens == null) {
            return null;
        }
        return new Session(new ReplayBuffer(resumption.bufferSize(), resumption.bufferBytes()),
                tokens.issue(connection.id(), connection.userId()));
    }

    /**
     * The session's socket {@code link} is lost: AUTHENTICATED → SUSPENDED (state namespaces saved
     * in the same step), the socket closed with {@code code} when {@code closeSocket} (it may still be
     * open: heartbeat timeout, container error), and {@code onSuspended} told.
     *
     * @return false when this is not a session attached to {@code link} (nothing changed)
     */
    boolean suspend(Connection connection, Link link, int code, String reason, boolean closeSocket) {
        if (tokens == null) {
            return false;
        }
        synchronized (connection) {
            if (!connection.suspend(link)) {
                return false;
            }
            connection.session().suspended(System.nanoTime() + resumption.ttl().toNanos(), namespaces.save(connection));
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
    boolean expire(Connection connection, long nowNanos) {
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
    void refreshToken(Connection connection, long nowMillis) {
        if (tokens == null || connection.state() != ClientState.AUTHENTICATED) {
            return;
        }
        synchronized (connection) {
            Session session = connection.session();
            if (session == null || connection.state() != ClientState.AUTHENTICATED
                    || !tokens.refreshDue(session.token().expiresAtMillis(), nowMillis, sweepPeriod().multipliedBy(2))) {
                return;
            }
            session.token(tokens.issue(connection.id(), connection.userId(), session.token().jti()));
            connection.stageProtocol(delivery.frame(Envelope.of("token",
                    new ProtocolPayloads.Token(session.token().token()))));
        }
        connection.flush();
    }
}
