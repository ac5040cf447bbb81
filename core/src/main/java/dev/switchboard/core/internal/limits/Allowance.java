package dev.switchboard.core.internal.limits;

import dev.switchboard.core.hub.Limits;

/**
 * One socket's budget: a token bucket of frames that may go into debt (each refused frame is owed
 * and must be repaid by the refill before frames are admitted again, so a client that keeps
 * sending never gets through and soon passes the flood limit), and a count of authentication
 * attempts.
 *
 * <p>Called by the thread delivering this socket's frames, one at a time, and by the limiter when
 * the socket opens and closes ({@link #count}, {@link #uncount}); the methods are synchronized so that
 * state written on one container thread is seen on the next (uncontended).
 */
public final class Allowance {

    /** What a frame gets. */
    public enum Verdict { ADMIT, REFUSE, CLOSE }

    /** A hub's per-socket limits, converted once and shared by every socket's allowance. */
    record Budget(double tokensPerNano, double burst, double floodLimit, int maxAttempts) {
        static Budget of(Limits limits) {
            return new Budget(limits.messagesPerSecond() / 1e9, limits.messageBurst(), limits.floodLimit(),
                    limits.maxAuthAttempts());
        }
    }

    private final Budget budget;
    private double tokens;
    private long lastNanos;
    private int attempts;
    /** The {@link Limiter}'s record of this socket while it is counted (in the alignment gap: no map entry per socket). */
    private Object counted;

    Allowance(Budget budget, long nowNanos) {
        this.budget = budget;
        this.tokens = budget.burst();
        this.lastNanos = nowNanos;
    }

    /** Takes a token for one frame arriving at {@code nowNanos}. */
    public synchronized Verdict frame(long nowNanos) {
        double tokensPerNano = budget.tokensPerNano();
        if (tokensPerNano == 0) {
            return Verdict.ADMIT;
        }
        tokens = Math.min(budget.burst(), tokens + (nowNanos - lastNanos) * tokensPerNano);
        lastNanos = nowNanos;
        tokens -= 1;
        if (tokens >= 0) {
            return Verdict.ADMIT;
        }
        return -tokens > budget.floodLimit() ? Verdict.CLOSE : Verdict.REFUSE;
    }

    /** Records that the limiter counts this socket. */
    synchronized void count(Object entry) {
        counted = entry;
    }

    /** The limiter's record, cleared: non-null only for the first call after {@link #count}. */
    synchronized Object uncount() {
        Object entry = counted;
        counted = null;
        return entry;
    }

    /** Counts an {@code authenticate} or {@code resume}; false once the socket has used up its attempts. */
    public synchronized boolean attempt() {
        return ++attempts <= budget.maxAttempts();
    }
}
