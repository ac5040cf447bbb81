package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.Eventually;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.switchboard.client.Clients.await;
import static dev.switchboard.client.Clients.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The server ends the connection: what is pending fails with DISCONNECTED and the close code is told. */
class ServerCloseTest {

    /** With reconnection off; with it on, 1001 reconnects (see ReconnectTest). */
    @Test
    void serverShutdownFailsPendingRequestsAndReportsGoingAway() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        AtomicBoolean running = new AtomicBoolean();
        hub.method("slow:never", ctx -> {
            running.set(true);
            return null;
        });
        TestServer server = TestServer.start(hub);
        try (SwitchboardClient client = Clients.builder(server).reconnect(false).build()) {
            await(client.connect());
            await(client.authenticate(Map.of("user", "alice")));
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            client.onClose((code, reason) -> closed.complete(code));
            CompletableFuture<String> pending = client.request("slow:never", null, String.class);
            Eventually.until("handler running", running::get);

            server.close();
            assertEquals(ErrorCodes.DISCONNECTED, code(pending));
            assertEquals(CloseCodes.GOING_AWAY, await(closed));
            assertFalse(client.isOpen());
        }
    }

    @Test
    void serverClosingOneClientLeavesItClosed() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false).build();
        try (TestServer server = TestServer.start(hub);
             SwitchboardClient client = Clients.connected(server)) {
            CompletableFuture<String> reason = new CompletableFuture<>();
            client.onClose((code, why) -> reason.complete(code + " " + why));
            String id = await(client.authenticate(Map.of("user", "bob"))).id();
            hub.client(id).orElseThrow().close(4100, "kicked");
            assertEquals("4100 kicked", await(reason));
            assertEquals(ErrorCodes.DISCONNECTED, code(client.join("public-x")));
        }
    }
}
