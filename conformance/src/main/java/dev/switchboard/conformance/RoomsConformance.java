package dev.switchboard.conformance;

import dev.switchboard.api.ErrorCodes;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Joining and leaving rooms by request, and room delivery that skips the sender. */
public interface RoomsConformance extends Conformance {

    @Test
    default void joinKeepsOnlyAllowedRoomsAndLeaveOnlyJoinedOnes() {
        try (Peer bob = login("bob")) {
            bob.emit("join", "{\"rooms\":[\"public-a\",\"private\",\"sb:internal\",\"public-b\"]}");
            JsonObject joined = bob.await("joined").getJsonObject("data");
            assertEquals(Set.of("public-a", "public-b"), Frames.strings(joined, "rooms"));
            assertEquals(Set.of("private", "sb:internal"), Frames.strings(joined, "rejected"));

            bob.emit("leave", "{\"rooms\":[\"public-a\",\"public-never\"]}");
            assertEquals(Set.of("public-a"), Frames.strings(bob.await("left").getJsonObject("data"), "rooms"));
            assertEquals(Set.of(bob.id(), "ws-default", "ws-notification", "public-b"),
                    Frames.strings(bob.call("profile:whoami", null).getJsonObject("data"), "rooms"));
        }
    }

    @Test
    default void malformedRoomListsAreInvalid() {
        try (Peer bob = login("bob")) {
            bob.emit("join", "{\"rooms\":\"public-a\"}");
            assertEquals(ErrorCodes.INVALID_MESSAGE_FORMAT, bob.await("error").getJsonObject("data").getString("code"));
        }
    }

    @Test
    default void roomMessagesReachTheOtherMembersOnly() {
        try (Peer sender = login("carol"); Peer member = login("dave"); Peer outsider = login("erin")) {
            sender.emit("join", "{\"rooms\":[\"public-room\"]}");
            sender.await("joined");
            member.emit("join", "{\"rooms\":[\"public-room\"]}");
            member.await("joined");

            JsonObject answer = sender.call("chat:send", "{\"room\":\"public-room\",\"text\":\"hello room\"}");
            assertEquals(true, answer.getJsonObject("data").getBoolean("delivered"));
            JsonObject message = member.await("chat:message").getJsonObject("data");
            assertEquals("carol", message.getString("from"));
            assertEquals("hello room", message.getString("text"));

            // A marker sent after the room message: when it arrives, the room message would have too.
            sender.call("chat:direct", "{\"target\":\"" + outsider.id() + "\",\"text\":\"marker\"}");
            assertEquals("marker", outsider.await("chat:message").getJsonObject("data").getString("text"));
            sender.call("chat:direct", "{\"target\":\"" + sender.id() + "\",\"text\":\"marker\"}");
            assertEquals("marker", sender.await("chat:message").getJsonObject("data").getString("text"),
                    "the sender is excluded from its own room message");
            outsider.assertNoMessage();
        }
    }

    @Test
    default void sendingToARoomOneIsNotInIsRefused() {
        try (Peer lurker = login("frank")) {
            JsonObject answer = lurker.call("chat:send", "{\"room\":\"public-elsewhere\",\"text\":\"hi\"}");
            assertEquals("NOT_IN_ROOM", Frames.errorCode(answer));
        }
    }
}
