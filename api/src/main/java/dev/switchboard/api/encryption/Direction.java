package dev.switchboard.api.encryption;

import java.nio.charset.StandardCharsets;

/** One direction of a session, each with its own AES-256-GCM key and its own counter. */
public enum Direction {
    /** Frames the server sends; the client opens them. */
    SERVER_TO_CLIENT("switchboard/v1 server-to-client"),
    /** Frames the client sends; the server opens them. */
    CLIENT_TO_SERVER("switchboard/v1 client-to-server");

    private final String info;

    Direction(String info) {
        this.info = info;
    }

    /** The HKDF {@code info} string that derives this direction's key (ASCII). */
    public String info() {
        return info;
    }

    /** {@link #info()} as the bytes HKDF consumes. */
    public byte[] infoBytes() {
        return info.getBytes(StandardCharsets.US_ASCII);
    }
}
