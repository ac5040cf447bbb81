package dev.switchboard.core.internal.session;

import java.util.Map;
import java.util.UUID;

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
    /** The {@code jti} (a UUID, as {@link SessionTokens} issues them) as two longs: 16 bytes, not an 80-byte string. */
    private long jtiHigh;
    private long jtiLow;
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
        UUID jti = UUID.fromString(token.jti());
        this.jtiHigh = jti.getMostSignificantBits();
        this.jtiLow = jti.getLeastSignificantBits();
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
        return new UUID(jtiHigh, jtiLow).toString();
    }

    public long tokenExpiresAtMillis() {
        return tokenExpiresAtMillis;
    }

    /** Whether a resume's token is the one issued last (its {@code jti}; a token without a UUID there is not). */
    public boolean accepts(SessionTokens.Claims claims) {
        return jti().equals(claims.jti());
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
