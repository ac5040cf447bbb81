package dev.switchboard.core.internal.session;

import java.util.Map;

/**
 * What makes a connection resumable: its replay buffer, the token issued last (only its
 * {@code jti} is accepted), when a suspension ends, and the state namespaces saved at suspension.
 *
 * <p>Not thread-safe: every field is read and written under the owning connection's monitor.
 */
public final class Session {

    private final ReplayBuffer buffer;
    private SessionTokens.Issued token;
    private long suspendedUntilNanos;
    private Map<String, Object> saved = Map.of();

    public Session(ReplayBuffer buffer, SessionTokens.Issued token) {
        this.buffer = buffer;
        this.token = token;
    }

    public ReplayBuffer buffer() {
        return buffer;
    }

    /** The token issued last; a resume must present its {@code jti}. */
    public SessionTokens.Issued token() {
        return token;
    }

    public void token(SessionTokens.Issued token) {
        this.token = token;
    }

    public boolean accepts(SessionTokens.Claims claims) {
        return token.jti().equals(claims.jti());
    }

    /** Marks the start of a suspension: it ends at {@code untilNanos} (System.nanoTime) and keeps {@code state}. */
    public void suspended(long untilNanos, Map<String, Object> state) {
        this.suspendedUntilNanos = untilNanos;
        this.saved = Map.copyOf(state);
    }

    public boolean expired(long nowNanos) {
        return nowNanos - suspendedUntilNanos >= 0;
    }

    /** The state saved at the last suspension, empty if none. */
    public Map<String, Object> saved() {
        return saved;
    }

    /** Hands over the saved state once (on resume). */
    public Map<String, Object> takeSaved() {
        Map<String, Object> state = saved;
        saved = Map.of();
        return state;
    }
}
