package dev.switchboard.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that becomes true asynchronously and has no event to wait on (server-side
 * cleanup after a socket event, an external process becoming ready). It returns as soon as the
 * condition holds and fails after the bound; it never asserts that something did not happen.
 */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(10);

    private Eventually() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, WsClient.WAIT);
    }

    public static void until(String what, BooleanSupplier condition, Duration wait) {
        until(what, condition, wait, POLL);
    }

    /** Checks {@code condition} every {@code every} (for costly checks such as an HTTP request) for up to {@code wait}. */
    public static void until(String what, BooleanSupplier condition, Duration wait, Duration every) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + wait + ": " + what);
            }
            try {
                // Not a barrier: the polling interval of a condition that has no event to wait on;
                // the loop ends as soon as the condition holds.
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static <T> void equal(String what, T expected, Supplier<T> actual) {
        until(what + " == " + expected, () -> expected.equals(actual.get()));
    }
}
