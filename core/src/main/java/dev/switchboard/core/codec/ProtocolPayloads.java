package dev.switchboard.core.codec;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** The {@code data} objects of the server's protocol events, as they appear on the wire. */
public final class ProtocolPayloads {

    private ProtocolPayloads() {
    }

    /** {@code connected}: the client's id, its user, and the server time in epoch milliseconds. */
    @JsonbPropertyOrder({"id", "userId", "time"})
    public record Connected(String id, String userId, long time) {
    }

    /** {@code joined} / {@code left}: the rooms affected; {@code rejected} lists refused join requests. */
    @JsonbPropertyOrder({"rooms", "rejected"})
    public record Rooms(List<String> rooms, List<String> rejected) {
    }
}
