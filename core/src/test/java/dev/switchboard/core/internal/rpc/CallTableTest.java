package dev.switchboard.core.internal.rpc;

import dev.switchboard.api.ClientState;
import dev.switchboard.core.internal.connection.Connection;
import dev.switchboard.core.testing.TestConnections;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls in flight: one held alone, more in a map, the bound, duplicates, and closed connections. */
class CallTableTest {

    private final Connection a = TestConnections.connection("a");
    private final Connection b = TestConnections.connection("b");

    @Test
    void oneCallThenSeveralThenNone() {
        CallTable<String> table = new CallTable<>(3);
        assertEquals(CallTable.Put.ADDED, table.put(a, "1", "one"));
        assertEquals("one", table.get(a, "1"));
        assertNull(table.get(a, "2"));
        assertNull(table.get(b, "1"));
        assertEquals(CallTable.Put.DUPLICATE, table.put(a, "1", "again"));
        assertEquals(CallTable.Put.ADDED, table.put(a, "2", "two"));
        assertEquals(CallTable.Put.ADDED, table.put(a, "3", "three"));
        assertEquals(CallTable.Put.FULL, table.put(a, "4", "four"));
        assertEquals(CallTable.Put.DUPLICATE, table.put(a, "2", "again"));
        assertEquals(CallTable.Put.ADDED, table.put(b, "1", "b-one"), "the bound is per connection");
        assertEquals(4, table.size());
        assertEquals("one", table.get(a, "1"));
        assertEquals("two", table.remove(a, "2"));
        assertFalse(table.remove(a, "3", "not three"), "removed only while it is still that value");
        assertTrue(table.remove(a, "3", "three"));
        assertEquals("one", table.remove(a, "1"));
        assertNull(table.remove(a, "1"));
        assertEquals(1, table.size());
        assertEquals(Map.of("1", "b-one"), table.removeAll(b));
        assertEquals(0, table.size());
        assertEquals(Map.of(), table.removeAll(b));
    }

    @Test
    void aSingleCallIsRemovedOnlyByItsIdAndValue() {
        CallTable<String> table = new CallTable<>(1);
        table.put(a, "1", "one");
        assertEquals(CallTable.Put.FULL, table.put(a, "2", "two"), "a bound of one");
        assertNull(table.remove(a, "2"));
        assertFalse(table.remove(a, "2", "one"));
        assertFalse(table.remove(a, "1", "other"));
        assertEquals("one", table.get(a, "1"));
        assertTrue(table.remove(a, "1", "one"));
        assertEquals(CallTable.Put.ADDED, table.put(a, "2", "two"), "room again once it is answered");
        assertEquals(Map.of("2", "two"), table.removeAll(a));
    }

    @Test
    void aDisconnectedConnectionGetsNoNewCall() {
        CallTable<String> table = new CallTable<>(4);
        table.put(a, "1", "one");
        table.put(a, "2", "two");
        a.disconnect(EnumSet.allOf(ClientState.class));
        assertEquals(CallTable.Put.CLOSED, table.put(a, "3", "three"));
        assertEquals(Map.of("1", "one", "2", "two"), table.removeAll(a));
        assertEquals(CallTable.Put.CLOSED, table.put(a, "4", "four"));
        assertEquals(0, table.size());
        assertNull(table.get(a, "1"));
    }

    @Test
    void aConnectionsCallsTakenAtItsEndTakeNoMore() {
        CallTable<String> table = new CallTable<>(4);
        table.put(a, "1", "one");
        assertEquals(Map.of("1", "one"), table.removeAll(a), "taken while the connection was still up");
        assertEquals(CallTable.Put.ADDED, table.put(a, "2", "two"), "a live connection starts again");
        a.disconnect(EnumSet.allOf(ClientState.class));
        assertEquals(Map.of("2", "two"), table.removeAll(a));
        assertEquals(CallTable.Put.CLOSED, table.put(a, "3", "three"));
    }
}
