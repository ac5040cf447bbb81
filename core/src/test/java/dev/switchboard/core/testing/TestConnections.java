package dev.switchboard.core.testing;

import dev.switchboard.api.Handshake;
import dev.switchboard.api.OverflowPolicy;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.internal.connection.ConnectionOwner;
import dev.switchboard.core.internal.connection.Link;

import java.util.Map;

/** Connections for unit tests: on an in-memory transport, owned by an owner that does nothing. Stateless. */
public final class TestConnections {

    /** An owner that ignores every call. */
    public static final ConnectionOwner OWNER = new ConnectionOwner() {
        @Override
        public void send(Connection connection, String event, Object data) {
        }

        @Override
        public void close(Connection connection, int code, String reason) {
        }

        @Override
        public void overflowed(Link link) {
        }

        @Override
        public void sendFailed(Link link, Throwable failure) {
        }

        @Override
        public void drained(Link link) {
        }
    };

    private TestConnections() {
    }

    /** A connection with this id on a fresh in-memory transport (1 KB queue, closed on overflow). */
    public static Connection connection(String id) {
        Handshake handshake = new Handshake("/ws", Map.of(), Map.of(), Map.of(), null, null);
        Link link = new Link(new MemoryTransport(false), handshake, OWNER, 1024, OverflowPolicy.CLOSE);
        return new Connection(id, link, OWNER, false);
    }
}
