package dev.switchboard.core.internal.codec;

import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs unexpected failures met while handling client frames, whatever the debug setting: the first
 * failure of each exception class at WARN with its stack trace, later ones at DEBUG. Exception
 * messages may quote what a client sent, so they are left out: the log shows the class, where it
 * was thrown and its causes' classes, never client data. Thread-safe (a concurrent set of classes).
 */
public final class FailureLog {

    private final Logger log;
    private final Set<Class<?>> seen = ConcurrentHashMap.newKeySet();

    public FailureLog(Logger log) {
        this.log = log;
    }

    /** Logs {@code failure} under {@code what} (a fixed text), at WARN the first time its class is met. */
    public void unexpected(String what, Throwable failure) {
        if (seen.add(failure.getClass())) {
            log.warn("{}: {} (logged once per exception class, without its message)", what,
                    failure.getClass().getName(), withoutMessages(failure, 0));
        } else if (log.isDebugEnabled()) {
            log.debug("{}: {}", what, failure.getClass().getName(), withoutMessages(failure, 0));
        }
    }

    /** A copy of the chain with each exception's class as its only message, and the original stack traces. */
    private static Throwable withoutMessages(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        Throwable copiedCause = cause != null && cause != failure && depth < 8
                ? withoutMessages(cause, depth + 1) : null;
        Throwable copy = new Throwable(failure.getClass().getName(), copiedCause, false, true) {
            @Override
            public String toString() {
                return getMessage();
            }
        };
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }
}
