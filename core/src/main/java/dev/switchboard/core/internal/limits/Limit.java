package dev.switchboard.core.internal.limits;

import java.util.Locale;

/** The kinds of limit a client can run into; {@link #tag()} names them in metrics. */
public enum Limit {
    /** A frame over the message rate, refused with {@code RATE_LIMITED}. */
    RATE,
    /** A client kept flooding past the flood limit and was closed with 1008. */
    FLOOD,
    /** Too many {@code authenticate}/{@code resume} attempts on one socket (1008). */
    AUTH_ATTEMPTS,
    /** Too many sockets of one user (1008 at authentication). */
    USER_CONNECTIONS,
    /** Too many sockets from one client address (1008 at open). */
    ADDRESS_CONNECTIONS,
    /** The node is full (handshake refused, or 1013 at open). */
    NODE_CONNECTIONS,
    /** An RPC request past the in-flight limit ({@code TOO_MANY_REQUESTS}). */
    RPC_IN_FLIGHT;

    private final String tag = name().toLowerCase(Locale.ROOT);

    public String tag() {
        return tag;
    }
}
