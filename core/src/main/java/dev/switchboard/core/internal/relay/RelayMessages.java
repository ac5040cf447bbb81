package dev.switchboard.core.internal.relay;

import dev.switchboard.api.Handshake;

/**
 * What nodes say to each other on their own channels ({@code node:<serverId>}) to serve a session
 * through a socket on another node: the <em>visitor</em> node holds the client's socket, the
 * <em>home</em> node holds the session. Payloads are JSON-B encoded records; {@code relay} is the
 * id of the visitor's socket (its connection id) and names the relay in every message.
 */
public final class RelayMessages {

    /** Visitor → home: serve this session through my socket ({@link Handover}). */
    public static final String HANDOVER = "handover";
    /** Home → visitor: the session cannot be resumed ({@link Refused}). */
    public static final String REFUSED = "handover:refused";
    /** Home → visitor: write this frame to the socket ({@link Frame}); the first one is {@code resumed}. */
    public static final String OUT = "relay:out";
    /** Visitor → home: the client sent this frame ({@link Frame}). */
    public static final String IN = "relay:in";
    /** Home → visitor: close the socket after what is queued ({@link Close}). */
    public static final String CLOSE = "relay:close";
    /** Visitor → home: the socket closed ({@link Close}; 1006 when it was lost: the session is suspended). */
    public static final String CLOSED = "relay:closed";
    /** Home → visitor, every heartbeat interval while it serves sessions there: the home node lives. */
    public static final String ALIVE = "relay:alive";

    public record Handover(String relay, String token, long lastSeq, Handshake handshake) {
        public Handover {
            require(relay, "relay");
            require(token, "token");
            require(handshake, "handshake");
        }
    }

    public record Refused(String relay, String reason) {
        public Refused {
            require(relay, "relay");
        }
    }

    public record Frame(String relay, String text) {
        public Frame {
            require(relay, "relay");
            require(text, "text");
        }
    }

    public record Close(String relay, int code, String reason) {
        public Close {
            require(relay, "relay");
        }
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
    }

    private RelayMessages() {
    }
}
