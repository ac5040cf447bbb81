package dev.switchboard.conformance;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the app does at its limits: frame size (1009), silence (4002), a slow consumer (1013), binary frames. */
public interface LimitsConformance extends Conformance {

    @Test
    default void aFrameOverTheLimitIsClosedWith1009() {
        try (Peer peer = login("sam")) {
            peer.emit("chat", "\"" + "x".repeat(ExampleAppSettings.MAX_MESSAGE_BYTES + 1) + "\"");
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, peer.awaitClose());
        }
    }

    /** A message sent in fragments is joined: one of exactly the limit is answered, one byte more is 1009. */
    @Test
    default void aFragmentedMessageIsJoinedAndHeldToTheSameLimit() {
        try (Peer peer = login("xena")) {
            String head = "{\"event\":\"request\",\"id\":\"f1\",\"method\":\"system:echo\",\"data\":\"";
            String text = "z".repeat(ExampleAppSettings.MAX_MESSAGE_BYTES - head.length() - 2);
            peer.socket().sendInParts(head, text.substring(0, 1000), text.substring(1000), "\"}");
            assertEquals(text, peer.response("f1").getString("data"), "a message of exactly the limit, in four parts");

            String over = "{\"event\":\"chat\",\"data\":\"" + "z".repeat(ExampleAppSettings.MAX_MESSAGE_BYTES) + "\"}";
            int half = over.length() / 2;
            peer.socket().sendInParts(over.substring(0, half), over.substring(half));
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, peer.awaitClose());
        }
    }

    @Test
    default void aSilentClientIsClosedWith4002() {
        try (Peer silent = Peer.connect(deployment().webSocket(TENANT), false, false)) {
            silent.authenticate("tina");
            assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, silent.awaitClose());
        }
    }

    @Test
    default void binaryFramesAreRefusedWithAnError() {
        try (Peer peer = login("uma")) {
            peer.socket().sendBinary(new byte[]{1, 2, 3});
            assertEquals(ErrorCodes.UNSUPPORTED_FRAME, peer.await("error").getJsonObject("data").getString("code"));
            assertEquals("\"open\"", peer.call("system:echo", "\"open\"").get("data").toString());
        }
    }

    /**
     * A client that stops reading while others keep sending to it fills the socket buffers, then its
     * bounded outbound queue: the app closes it with 1013 and the senders are unaffected.
     */
    @Test
    default void aSlowConsumerIsClosedWith1013() {
        try (Peer slow = Peer.connect(deployment().webSocket(TENANT), true, true); Peer flooder = login("victor")) {
            slow.socket().socket().request(1);
            String slowId = slow.authenticate("wendy").getString("id");
            String text = "y".repeat(ExampleAppSettings.MAX_MESSAGE_BYTES - 200);
            String direct = "{\"target\":\"" + slowId + "\",\"text\":\"" + text + "\"}";
            boolean dropped = false;
            for (int batch = 0; batch < 200 && !dropped; batch++) {
                for (int i = 0; i < 20; i++) {
                    flooder.request("chat:direct", direct);
                }
                dropped = !flooder.call("chat:direct", "{\"target\":\"" + slowId + "\",\"text\":\"probe\"}")
                        .getJsonObject("data").getBoolean("delivered");
            }
            assertTrue(dropped, "the slow consumer was never dropped");
            assertEquals("\"fine\"", flooder.call("system:echo", "\"fine\"").get("data").toString());
            slow.stopHeartbeats();
            slow.socket().socket().request(Long.MAX_VALUE);
            assertEquals(CloseCodes.TRY_AGAIN_LATER, slow.awaitClose(), () -> "closed: " + slow.socket().closeReason());
        }
    }
}
