package dev.switchboard.conformance;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.testing.TcpProxy;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session resumption: the token and sequence numbers on the wire, a socket lost without a close
 * frame (a TCP reset through a proxy) resumed with every missed message in order, takeover, and a
 * refused token. The container must report the lost socket as abnormal for the session to wait.
 */
public interface ResumeConformance extends Conformance {

    private static long seq(JsonObject frame) {
        return frame.getJsonNumber("seq").longValue();
    }

    private static void resume(Peer peer, String token, long lastSeq) {
        peer.send("{\"event\":\"resume\",\"data\":{\"token\":\"" + token + "\",\"lastSeq\":" + lastSeq + "}}");
    }

    private static String tokenOf(Peer peer) {
        return peer.connected().getString("token");
    }

    private static String direct(String target, int n) {
        return "{\"target\":\"" + target + "\",\"text\":\"" + n + "\"}";
    }

    @Test
    default void connectedCarriesATokenAndReplayableMessagesCarryConsecutiveSequenceNumbers() {
        try (Peer peer = login("seq-reader")) {
            long first = seq(peer.call("system:echo", "1"));
            peer.emit("join", "{\"rooms\":[\"public-seq\"]}");
            assertEquals(first + 1, seq(peer.await("joined")));
            assertEquals(first + 2, seq(peer.call("system:echo", "2")));
        }
        try (Peer peer = connect()) {
            peer.emit("authenticate", "{\"token\":\"" + ExampleAppSettings.token("token-reader") + "\"}");
            assertFalse(peer.await("connected").getJsonObject("data").getString("token").isBlank());
        }
    }

    @Test
    default void aSocketResetIsResumedWithEveryMissedMessageInOrder() throws IOException {
        URI direct = deployment().webSocket(TENANT);
        try (TcpProxy proxy = new TcpProxy(direct.getPort()); Peer sender = login("resume-sender")) {
            Peer first = Peer.connect(URI.create("ws://127.0.0.1:" + proxy.port() + direct.getPath()), true, false);
            first.emit("authenticate", "{\"token\":\"" + ExampleAppSettings.token("resume-reader") + "\"}");
            JsonObject connected = first.await("connected").getJsonObject("data");
            String id = connected.getString("id");
            long lastSeq = 0;
            for (int n = 0; n < 20; n++) {
                sender.request("chat:direct", direct(id, n));
                JsonObject message = first.await("chat:message");
                assertEquals(String.valueOf(n), message.getJsonObject("data").getString("text"));
                lastSeq = seq(message);
            }
            assertEquals(1, proxy.killAll(), "the reader's connection is reset, no close frame");
            first.close();
            for (int n = 20; n < 60; n++) {
                assertTrue(sender.call("chat:direct", direct(id, n)).getJsonObject("data").getBoolean("delivered"),
                        "the suspended session is still reachable");
            }
            try (Peer second = Peer.connect(direct, true, false)) {
                resume(second, connected.getString("token"), lastSeq);
                JsonObject resumed = second.await("resumed").getJsonObject("data");
                assertTrue(resumed.getBoolean("recovered"), resumed.toString());
                assertEquals(id, resumed.getString("id"));
                assertEquals("resume-reader", resumed.getString("userId"));
                for (int n = 20; n < 60; n++) {
                    JsonObject message = second.await("chat:message");
                    assertEquals(String.valueOf(n), message.getJsonObject("data").getString("text"));
                    assertEquals(++lastSeq, seq(message), "no gap, no duplicate");
                }
                assertEquals(id, second.call("profile:whoami", null).getJsonObject("data").getString("id"));
            }
        }
    }

    @Test
    default void resumingALiveSessionTakesItOverAndClosesTheOldSocketWith4005() {
        try (Peer first = login("takeover"); Peer second = connect()) {
            JsonObject echo = first.call("system:echo", "\"before\"");
            resume(second, tokenOf(first), seq(echo));
            JsonObject resumed = second.await("resumed").getJsonObject("data");
            assertTrue(resumed.getBoolean("recovered"), resumed.toString());
            assertEquals(CloseCodes.SESSION_TAKEN_OVER, first.awaitClose());
            assertEquals(first.id(), second.call("profile:whoami", null).getJsonObject("data").getString("id"));
        }
    }

    @Test
    default void aForgedTokenIsNotRecoveredAndTheSocketMayAuthenticate() {
        try (Peer peer = connect()) {
            resume(peer, "eyJhbGciOiJIUzI1NiJ9.e30.forged", 3);
            JsonObject resumed = peer.await("resumed").getJsonObject("data");
            assertFalse(resumed.getBoolean("recovered"));
            assertEquals("INVALID_TOKEN", resumed.getString("reason"));
            assertEquals("fresh", peer.authenticate("fresh").getString("userId"));
        }
    }
}
