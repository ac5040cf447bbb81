package dev.switchboard.standalone;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.WsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo:drop}: the server cuts the caller's TCP connection without a close frame, so the session is suspended and resumes. */
class DemoDropTest {

    @Test
    void theCallersSocketIsCutWithoutACloseFrameAndItsSessionResumes() throws Exception {
        JwtAuthenticator authenticator = new JwtAuthenticator(JwtAuthenticator.generateSecret());
        try (StandaloneServer server = StandaloneServer.start(StandaloneConfig.from(Map.of("SWITCHBOARD_PORT", "0")), authenticator);
             WsClient bystander = WsClient.connect(server.webSocketUri());
             WsClient client = WsClient.connect(server.webSocketUri())) {
            bystander.emit("authenticate", "{\"token\":\"" + authenticator.issue("bea", Map.of(), Duration.ofMinutes(5)) + "\"}");
            bystander.await("connected");
            client.emit("authenticate", "{\"token\":\"" + authenticator.issue("al", Map.of(), Duration.ofMinutes(5)) + "\"}");
            JsonObject connected = client.await("connected").getJsonObject("data");
            String id = connected.getString("id");
            client.send("{\"event\":\"request\",\"id\":\"1\",\"method\":\"demo:drop\"}");
            // The JDK client reports 1006 when the connection ends without a close frame.
            assertEquals(CloseCodes.CLOSED_ABNORMALLY, client.awaitClose(), "no close frame: " + client.closeReason());
            Eventually.equal("the session is suspended, not ended", ClientState.SUSPENDED,
                    () -> server.hub().client(id).map(c -> c.state()).orElse(null));

            try (WsClient again = WsClient.connect(server.webSocketUri())) {
                // From lastSeq 0: the answer comes (again, if the cut did not beat it) as the replay.
                again.emit("resume", "{\"token\":\"" + connected.getString("token") + "\",\"lastSeq\":0}");
                JsonObject resumed = again.await("resumed").getJsonObject("data");
                assertTrue(resumed.getBoolean("recovered"), resumed.toString());
                assertEquals(id, resumed.getString("id"));
                JsonObject answer = again.await("response");
                assertEquals("1", answer.getString("id"));
                assertTrue(answer.getJsonObject("data").getBoolean("dropping"), answer.toString());
            }
            // Only the caller's socket was cut.
            bystander.send("{\"event\":\"request\",\"id\":\"2\",\"method\":\"system:echo\",\"data\":\"still here\"}");
            assertEquals("still here", bystander.await("response").getString("data"));
        }
    }

    @Test
    void withTheDropOffThereIsNoSuchMethodAndTheSocketStays() throws Exception {
        JwtAuthenticator authenticator = new JwtAuthenticator(JwtAuthenticator.generateSecret());
        try (StandaloneServer server = StandaloneServer.start(StandaloneConfig.from(
                Map.of("SWITCHBOARD_PORT", "0", "SWITCHBOARD_DEMO_DROP", "false")), authenticator);
             WsClient client = WsClient.connect(server.webSocketUri())) {
            client.emit("authenticate", "{\"token\":\"" + authenticator.issue("al", Map.of(), Duration.ofMinutes(5)) + "\"}");
            client.await("connected");
            client.send("{\"event\":\"request\",\"id\":\"1\",\"method\":\"demo:drop\"}");
            JsonObject refused = client.await("response");
            assertEquals("1", refused.getString("id"));
            assertEquals("METHOD_NOT_FOUND", refused.getJsonObject("error").getString("code"), refused.toString());
            client.send("{\"event\":\"request\",\"id\":\"2\",\"method\":\"system:echo\",\"data\":\"still here\"}");
            assertEquals("still here", client.await("response").getString("data"));
        }
    }
}
