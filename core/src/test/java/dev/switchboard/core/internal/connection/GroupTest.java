package dev.switchboard.core.internal.connection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A group of one is its connection; two or more are {@link Members}; the last one out leaves nothing. */
class GroupTest {

    @Test
    void aGroupOfOneIsTheConnectionItself() {
        List<Connection> c = MembersTest.connections(2);
        Object one = Group.with(null, "room", c.get(0));
        assertSame(c.get(0), one);
        assertSame(one, Group.with(one, "room", c.get(0)), "joining twice changes nothing");
        assertTrue(Group.contains(one, c.get(0)));
        assertFalse(Group.contains(one, c.get(1)));
        assertEquals(Set.of(c.get(0)), Group.view(one));
        assertSame(one, Group.without(one, c.get(1)), "leaving a group one is not in changes nothing");
        assertNull(Group.without(one, c.get(0)));
        assertEquals(Set.of(), Group.view(null));
        assertFalse(Group.contains(null, c.get(0)));
    }

    @Test
    void aSecondMemberMakesMembersAndTheLastButOneLeavingMakesItAConnectionAgain() {
        List<Connection> c = MembersTest.connections(3);
        Object two = Group.with(Group.with(null, "room", c.get(0)), "room", c.get(1));
        Members members = assertInstanceOf(Members.class, two);
        assertEquals("room", Group.name(two, "other"));
        assertEquals(Set.of(c.get(0), c.get(1)), Group.view(two));
        Object three = Group.with(two, "room", c.get(2));
        assertEquals(3, Group.view(three).size());
        assertTrue(Group.contains(three, c.get(2)));
        Object back = Group.without(Group.without(three, c.get(0)), c.get(2));
        assertSame(c.get(1), back);
        assertEquals("fallback", Group.name(back, "fallback"), "a connection keeps no name");
        assertEquals(2, members.size(), "a small group is immutable: the old one is unchanged");
    }

    @Test
    void aLargeGroupStaysMembersDownToItsLastMember() {
        List<Connection> c = MembersTest.connections(Members.SMALL + 2);
        Object group = null;
        for (Connection member : c) {
            group = Group.with(group, "big", member);
        }
        assertEquals(c.size(), Group.view(group).size());
        for (int i = 0; i < c.size() - 1; i++) {
            group = Group.without(group, c.get(i));
        }
        assertInstanceOf(Members.class, group, "a large group changes in place and is kept");
        assertEquals(Set.of(c.get(c.size() - 1)), Set.copyOf(Group.view(group)));
        assertNull(Group.without(group, c.get(c.size() - 1)));
    }
}
