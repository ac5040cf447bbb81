package dev.switchboard.core.internal.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's trace of connections, events and errors. With debug on it is written at INFO in ANSI
 * colors (green connections, cyan events, red errors); otherwise at DEBUG, plain. Stateless.
 */
public final class DebugLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.switchboard.debug");
    private static final String GREEN = "\u001B[32m";
    private static final String CYAN = "\u001B[36m";
    private static final String RED = "\u001B[31m";
    private static final String RESET = "\u001B[0m";

    private final boolean colored;

    public DebugLog(boolean colored) {
        this.colored = colored;
    }

    public void connection(String format, Object... args) {
        write(GREEN, format, args);
    }

    public void event(String format, Object... args) {
        write(CYAN, format, args);
    }

    public void error(String format, Object... args) {
        write(RED, format, args);
    }

    private void write(String color, String format, Object... args) {
        if (colored) {
            LOG.info(color + format + RESET, args);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug(format, args);
        }
    }
}
