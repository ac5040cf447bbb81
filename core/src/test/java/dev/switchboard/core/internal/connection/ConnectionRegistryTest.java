package dev.switchboard.core.internal.connection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The observer hears every bind and unbind of a user's connections, past the small-group size too. */
class ConnectionRegistryTest {

    @Test
    void everyConnectionOfAUserIsReportedOnceWhenBoundAndUnbound() {
        List<String> told = new ArrayList<>();
        ConnectionRegistry registry = new ConnectionRegistry(new ConnectionRegistry.Observer() {
            @Override
            public void bound(Connection connection, boolean first) {
                told.add("bound " + connection.id() + (first ? " first" : ""));
            }

            @Override
            public void unbound(Connection connection, boolean last) {
                told.add("unbound " + connection.id() + (last ? " last" : ""));
            }
        });
        int count = Members.SMALL * 2;
        List<Connection> sockets = MembersTest.connections(count);
        sockets.forEach(socket -> socket.identify("alice", null));
        for (Connection socket : sockets) {
            registry.bindUser(socket);
            registry.bindUser(socket); // a second bind changes nothing
        }
        assertEquals(new HashSet<>(sockets), registry.connectionsOf("alice"));
        for (Connection socket : sockets) {
            registry.unbindUser(socket);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("bound c" + i + (i == 0 ? " first" : ""));
        }
        for (int i = 0; i < count; i++) {
            expected.add("unbound c" + i + (i == count - 1 ? " last" : ""));
        }
        assertEquals(expected, told);
        assertEquals(0, registry.userCount());
    }
}
