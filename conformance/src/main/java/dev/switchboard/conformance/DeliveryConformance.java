package dev.switchboard.conformance;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Delivery to one client, to every session of a user, and to everyone but the sender, in order. */
public interface DeliveryConformance extends Conformance {

    @Test
    default void directMessagesReachOneClientInOrder() {
        try (Peer sender = login("gina"); Peer target = login("hank"); Peer sameUser = login("hank")) {
            for (int i = 0; i < 50; i++) {
                sender.request("chat:direct", "{\"target\":\"" + target.id() + "\",\"text\":\"" + i + "\"}");
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(String.valueOf(i), target.await("chat:message").getJsonObject("data").getString("text"));
            }
            JsonObject missing = sender.call("chat:direct", "{\"target\":\"no-such-client\",\"text\":\"x\"}");
            assertEquals(false, missing.getJsonObject("data").getBoolean("delivered"));
            sameUser.assertNoMessage();
        }
    }

    @Test
    default void userMessagesReachEverySessionOfTheUser() {
        try (Peer sender = login("ivan"); Peer phone = login("judy"); Peer laptop = login("judy"); Peer other = login("kim")) {
            assertEquals(true, sender.call("chat:whisper", "{\"target\":\"judy\",\"text\":\"psst\"}")
                    .getJsonObject("data").getBoolean("delivered"));
            assertEquals("psst", phone.await("chat:message").getJsonObject("data").getString("text"));
            assertEquals("psst", laptop.await("chat:message").getJsonObject("data").getString("text"));
            other.assertNoMessage();
        }
    }

    @Test
    default void broadcastsReachEveryoneButTheSender() {
        try (Peer sender = login("leo"); Peer first = login("mia"); Peer second = login("ned")) {
            sender.call("chat:announce", "{\"text\":\"all hands\"}");
            assertEquals("all hands", first.await("chat:message").getJsonObject("data").getString("text"));
            assertEquals("all hands", second.await("chat:message").getJsonObject("data").getString("text"));
            sender.assertNoMessage();
        }
    }
}
