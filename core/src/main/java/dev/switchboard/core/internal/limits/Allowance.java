package dev.switchboard.core.internal.limits;

import dev.switchboard.core.hub.Limits;

/**
 * One socket's budget: a token bucket of frames that may go into debt (each refused frame is owed
 * and must be repaid by the refill before frames are admitted again, so a client that keeps
 * sending never gets through and soon passes the flood limit), and a count of authentication
 * attempts.
 *
 * <p>Called by the thread delivering this socket's frames, one at a time; the methods are
 * synchronized only so that state written on one container thread is seen on the next (uncontended).
 */
public final class Allowance {

    /** What a frame gets. */
    public enum Verdict { ADMIT, REFUSE, CLOSE }

    private final double tokensPerNano;
    private final double burst;
    private final double floodLimit;
    private final int maxAttempts;
    private double tokens;
    private long lastNanos;
    private int attempts;

    Allowance(Limits limits, long nowNanos) {
        this.tokensPerNano = limits.messagesPerSecond() / 1e9;
        this.burst = limits.messageBurst();
        this.floodLimit = limits.floodLimit();
        this.maxAttempts = limits.maxAuthAttempts();
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes a token for one frame arriving at {@code nowNanos}. */
    public synchronized Verdict frame(long nowNanos) {
        if (tokensPerNano == 0) {
            return Verdict.ADMIT;
        }
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * tokensPerNano);
        lastNanos = nowNanos;
        tokens -= 1;
        if (tokens >= 0) {
            return Verdict.ADMIT;
        }
        return -tokens > floodLimit ? Verdict.CLOSE : Verdict.REFUSE;
    }

    /** Counts an {@code authenticate} or {@code resume}; false once the socket has used up its attempts. */
    public synchronized boolean attempt() {
        return ++attempts <= maxAttempts;
    }
}
