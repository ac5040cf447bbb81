package dev.switchboard.core.internal.presence;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** The {@code data} of the server's {@code presence} events, as they appear on the wire. */
public final class PresencePayloads {

    private PresencePayloads() {
    }

    /** One present client: its id and its user. */
    @JsonbPropertyOrder({"clientId", "userId"})
    public record Member(String clientId, String userId) {
    }

    /** The answer to a client's {@code presence} request: every member of the room on every node. */
    @JsonbPropertyOrder({"room", "members"})
    public record Answer(String room, List<Member> members) {
    }

    /** A push to the room's members: who came and who went (either list may be empty, never both). */
    @JsonbPropertyOrder({"room", "joined", "left"})
    public record Change(String room, List<Member> joined, List<Member> left) {
    }
}
