package dev.switchboard.core.internal.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The security log of limit hits (logger {@code dev.switchboard.limits}, INFO): the first hit of
 * each kind, then at most one line per kind a minute with the number of hits since, so a flood
 * cannot flood the log. Names the limit and, where known, the client id; never client data.
 * Thread-safe (atomics; two threads may both log at a window's edge, which is harmless).
 */
final class LimitLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.switchboard.limits");
    private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLongArray lastLogged = new AtomicLongArray(Limit.values().length);
    private final AtomicLong[] unlogged = new AtomicLong[Limit.values().length];
    private final long started = System.nanoTime() - WINDOW_NANOS;

    LimitLog() {
        for (int i = 0; i < unlogged.length; i++) {
            unlogged[i] = new AtomicLong();
            lastLogged.set(i, started);
        }
    }

    void hit(Limit limit, String clientId) {
        int kind = limit.ordinal();
        long now = System.nanoTime();
        long last = lastLogged.get(kind);
        if (now - last < WINDOW_NANOS || !lastLogged.compareAndSet(kind, last, now) || !LOG.isInfoEnabled()) {
            unlogged[kind].incrementAndGet();
            return;
        }
        long since = unlogged[kind].getAndSet(0);
        LOG.info("Switchboard limit {} hit{}{}", limit.tag(), clientId == null ? "" : " by client " + clientId,
                since == 0 ? "" : " (" + since + " more hits of it in the last minute or more)");
    }
}
