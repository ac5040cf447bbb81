package dev.switchboard.core.internal.connection;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection's rooms: an array up to {@value RoomList#MAX_ARRAY}, a set beyond, the same answers either way. */
class RoomListTest {

    @Test
    void fewRoomsAreAnArrayAndManyASetWithTheSameContents() {
        Object rooms = RoomList.NONE;
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String room = "room-" + i;
            assertFalse(RoomList.contains(rooms, room));
            rooms = RoomList.with(rooms, room);
            expected.add(room);
            if (expected.size() <= RoomList.MAX_ARRAY) {
                assertInstanceOf(String[].class, rooms);
            } else {
                assertInstanceOf(Set.class, rooms);
            }
            assertEquals(expected, RoomList.view(rooms));
            assertEquals(expected.size(), RoomList.size(rooms));
            assertTrue(RoomList.contains(rooms, room));
        }
        for (int i = 0; i < 20; i++) {
            String room = "room-" + (i * 7 % 20); // out of joining order
            rooms = RoomList.without(rooms, room);
            expected.remove(room);
            assertFalse(RoomList.contains(rooms, room));
            assertEquals(expected, RoomList.view(rooms));
            assertEquals(expected.size(), RoomList.size(rooms));
            if (expected.size() <= RoomList.MAX_ARRAY) {
                assertInstanceOf(String[].class, rooms, "back to an array at " + expected.size());
            }
        }
        assertEquals(Set.of(), RoomList.view(rooms));
    }

    @Test
    void aViewCannotChangeTheList() {
        Object rooms = RoomList.with(RoomList.with(RoomList.NONE, "a"), "b");
        Set<String> view = RoomList.view(rooms);
        assertThrows(UnsupportedOperationException.class, () -> view.add("c"));
        assertEquals(Set.of("a", "b"), RoomList.view(rooms));
    }
}
