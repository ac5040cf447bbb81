package dev.switchboard.core.internal.session;

import java.util.Map;

/**
 * What makes a connection resumable: its replay buffer, the {@code jti} and expiry of the token
 * issued last (a resume must present that {@code jti}), when a suspension ends, and the state
 * namespaces saved at suspension. The token text itself is held only until the frame that carries
 * it to the client takes it ({@link #takeToken()}).
 *
 * <p>Not thread-safe: every field is read and written under the owning connection's monitor.
 */
public final class Session {

    private final ReplayBuffer buffer;
    private String jti;
    private long tokenExpiresAtMillis;
    private String unsentToken;
    private long suspendedUntilNanos;
    private Map<String, Object> saved = Map.of();

    public Session(ReplayBuffer buffer, SessionTokens.Issued token) {
        this.buffer = buffer;
        token(token);
    }

    public ReplayBuffer buffer() {
        return buffer;
    }

    /** Records a newly issued token: the one a resume must present from now on. */
    public void token(SessionTokens.Issued token) {
        this.jti = token.jti();
        this.tokenExpiresAtMillis = token.expiresAtMillis();
        this.unsentToken = token.token();
    }

    /** The text of the token issued last, for the frame that sends it; null once taken. */
    public String takeToken() {
        String token = unsentToken;
        unsentToken = null;
        return token;
    }

    /** The {@code jti} of the token issued last. */
    public String jti() {
        return jti;
    }

    public long tokenExpiresAtMillis() {
        return tokenExpiresAtMillis;
    }

    public boolean accepts(SessionTokens.Claims claims) {
        return jti.equals(claims.jti());
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
