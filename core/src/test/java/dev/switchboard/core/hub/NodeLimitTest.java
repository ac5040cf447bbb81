package dev.switchboard.core.hub;

import dev.switchboard.api.CloseCodes;
import dev.switchboard.api.ErrorCodes;
import dev.switchboard.api.Handshake;
import dev.switchboard.core.internal.connection.Link;
import dev.switchboard.core.testing.MemoryTransport;
import dev.switchboard.core.testing.TestAuthenticator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node limit where the container let the handshake through (any container but Tyrus, or a
 * handshake racing another): the socket opens and is closed at once with 1013 after an error.
 */
class NodeLimitTest {

    private static final Handshake HANDSHAKE = new Handshake("/ws", Map.of(), Map.of(), Map.of(), "192.0.2.1:4000", "");

    @Test
    void aSocketPastTheNodeLimitIsClosedWith1013AndTheSlotIsFreedOnClose() {
        Hub hub = Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)
                .limits(Limits.defaults().maxConnections(1)).build();
        try {
            MemoryTransport first = new MemoryTransport(false);
            Link firstLink = hub.sockets().open(first, HANDSHAKE);
            assertTrue(hub.sockets().refusesHandshake());

            MemoryTransport second = new MemoryTransport(false);
            hub.sockets().open(second, HANDSHAKE);
            assertEquals(CloseCodes.TRY_AGAIN_LATER, second.closeCode());
            assertEquals(1, second.sent().size());
            assertTrue(second.sent().get(0).contains(ErrorCodes.CONNECTION_LIMIT), second.sent().toString());
            assertNull(first.closeCode(), "the first socket is unaffected");

            firstLink.onClose(CloseCodes.NORMAL, "bye");
            MemoryTransport third = new MemoryTransport(false);
            hub.sockets().open(third, HANDSHAKE);
            assertNull(third.closeCode(), "a closed socket frees its slot");
        } finally {
            hub.shutdown();
        }
    }
}
