package dev.switchboard.core.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff between reconnection attempts: doubles from {@code initial} up to {@code max},
 * with up to 20 % random jitter so nodes do not reconnect in lockstep. Owned by one thread.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.nextMillis = initialMillis;
    }

    /** The delay before the next attempt; each call doubles the following one, up to the maximum. */
    long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay + ThreadLocalRandom.current().nextLong(delay / 5 + 1);
    }

    /** After a success: the next failure waits the initial delay again. */
    void reset() {
        nextMillis = initialMillis;
    }

    /** Sleeps the next delay; {@code false} when interrupted. */
    boolean pause() {
        try {
            Thread.sleep(nextDelayMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
