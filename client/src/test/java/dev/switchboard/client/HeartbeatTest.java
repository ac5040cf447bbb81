package dev.switchboard.client;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.TestAuthenticator;
import dev.switchboard.core.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.switchboard.client.Clients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's heartbeats keep it alive on a server with a short inactivity timeout. */
class HeartbeatTest {

    @Test
    void heartbeatsKeepTheConnectionAliveWhileASilentClientIsClosed() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .heartbeatInterval(Duration.ofMillis(100)).heartbeatTimeout(Duration.ofMillis(600)).build();
        try (TestServer server = TestServer.start(hub);
             SwitchboardClient beating = SwitchboardClient.builder(server.uri())
                     .heartbeatInterval(Duration.ofMillis(100)).build();
             SwitchboardClient silent = SwitchboardClient.builder(server.uri())
                     .heartbeatInterval(Duration.ZERO).reconnect(false).build()) {
            CompletableFuture<Integer> silentClosed = new CompletableFuture<>();
            silent.onClose((code, reason) -> silentClosed.complete(code));
            await(beating.connect());
            await(silent.connect());
            await(beating.authenticate(Map.of("user", "alice")));
            await(silent.authenticate(Map.of("user", "bob")));

            assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, await(silentClosed));
            assertTrue(beating.isOpen(), "the client that sent heartbeats is still connected");
            assertEquals(1, hub.clientCount());
        }
    }
}
