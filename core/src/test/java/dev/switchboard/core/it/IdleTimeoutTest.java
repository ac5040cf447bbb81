package dev.switchboard.core.it;

import dev.switchboard.core.endpoint.SwitchboardEndpoint;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import dev.switchboard.core.testing.WsClient;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A socket opened with the container's "no idle timeout" (0) gets the negative form of it, which
 * Tyrus does not reschedule an idle check for on every message, and is still served as before.
 */
class IdleTimeoutTest {

    /** The session's idle timeout once Switchboard has opened it. */
    static final CompletableFuture<Long> OPENED_WITH = new CompletableFuture<>();

    public static class RecordingEndpoint extends SwitchboardEndpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            super.onOpen(session, config);
            OPENED_WITH.complete(session.getMaxIdleTimeout());
        }
    }

    @Test
    void noIdleTimeoutIsKeptAsItsNegativeForm() throws Exception {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        try (TestServer server = TestServer.startWith(hub, RecordingEndpoint.class);
             WsClient client = WsClient.authenticated(server.uri(), "ivy")) {
            assertEquals(-1L, OPENED_WITH.get(10, TimeUnit.SECONDS), "Tyrus's default is 0");
            client.send("{\"event\":\"request\",\"id\":\"1\",\"method\":\"nope\"}");
            assertEquals("METHOD_NOT_FOUND", client.await("response").getJsonObject("error").getString("code"));
        }
    }
}
