package dev.switchboard.core.internal.codec;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** The {@code data} objects of the server's protocol events, as they appear on the wire. */
public final class ProtocolPayloads {

    private ProtocolPayloads() {
    }

    /**
     * {@code connected}: the client's id, its user, the server time in epoch milliseconds, and the
     * session token ({@code null}, so absent, when resumption is off), and the answer of the key
     * exchange ({@code null}, so absent, for a plain client).
     */
    @JsonbPropertyOrder({"id", "userId", "time", "token", "encryption"})
    public record Connected(String id, String userId, long time, String token, Object encryption) {
    }

    /**
     * {@code resumed}: on success the session's id and user, {@code recovered} true, how many
     * messages are replayed right after this frame and the rotated token; on failure only
     * {@code recovered} false, {@code replayed} 0 and a {@code reason}.
     */
    @JsonbPropertyOrder({"id", "userId", "recovered", "replayed", "token", "reason"})
    public record Resumed(String id, String userId, boolean recovered, int replayed, String token, String reason) {
    }

    /** {@code token}: a refreshed session token (same session, later expiry) that replaces the one held. */
    public record Token(String token) {
    }

    /** {@code joined} / {@code left}: the rooms affected; {@code rejected} lists refused join requests. */
    @JsonbPropertyOrder({"rooms", "rejected"})
    public record Rooms(List<String> rooms, List<String> rejected) {
    }
}
