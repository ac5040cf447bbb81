package dev.switchboard.core.internal.connection;

import dev.switchboard.core.testing.TestConnections;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MembersTest {

    static ConnectionOwner owner() {
        return TestConnections.OWNER;
    }

    private static Connection connection(int n) {
        return TestConnections.connection("c" + n);
    }

    static List<Connection> connections(int count) {
        return IntStream.range(0, count).mapToObj(MembersTest::connection).toList();
    }

    @Test
    void aSmallGroupIsAnImmutableSnapshotReplacedOnEveryChange() {
        List<Connection> c = connections(3);
        Members one = Members.of("room", c.get(0));
        Members two = one.with(c.get(1));
        assertNotSame(one, two);
        assertEquals(Set.of(c.get(0)), one, "the earlier snapshot is unchanged");
        assertEquals(Set.of(c.get(0), c.get(1)), two);
        assertSame(two, two.with(c.get(1)), "adding a member twice changes nothing");
        assertSame(two, two.without(c.get(2)), "removing a stranger changes nothing");
        Members back = two.without(c.get(0));
        assertEquals(Set.of(c.get(1)), back);
        assertNull(back.without(c.get(1)), "the last member leaving empties the group");
        assertEquals("room", back.name());
    }

    @Test
    void pastEightMembersTheGroupIsOneConcurrentSetChangedInPlace() {
        List<Connection> c = connections(20);
        Members group = Members.of("big", c.get(0));
        for (int i = 1; i <= Members.SMALL; i++) {
            group = group.with(c.get(i));
        }
        assertEquals(Members.SMALL + 1, group.size());
        Members large = group;
        for (int i = Members.SMALL + 1; i < 20; i++) {
            assertSame(large, large.with(c.get(i)), "a large group is changed in place");
        }
        assertEquals(new HashSet<>(c), large);
        for (int i = 0; i < 19; i++) {
            assertSame(large, large.without(c.get(i)));
        }
        assertEquals(Set.of(c.get(19)), large);
        assertNull(large.without(c.get(19)));
    }

    @Test
    void readersCannotChangeIt() {
        List<Connection> c = connections(10);
        Members small = Members.of("r", c.get(0)).with(c.get(1));
        Members large = small;
        for (Connection each : c) {
            large = large.with(each);
        }
        for (Members group : List.of(small, large)) {
            assertThrows(UnsupportedOperationException.class, () -> group.add(c.get(5)));
            assertThrows(UnsupportedOperationException.class, () -> group.remove(c.get(0)));
            Iterator<Connection> iterator = group.iterator();
            iterator.next();
            assertThrows(UnsupportedOperationException.class, iterator::remove);
            assertTrue(group.contains(c.get(0)));
        }
        List<Connection> seen = new ArrayList<>(large);
        assertEquals(10, seen.size());
        assertFalse(small.contains(c.get(9)));
    }

    @Test
    void aLargeGroupsReadersSeeEveryChangeThatCompletedBeforeTheyLooked() {
        List<Connection> c = connections(40);
        Members group = Members.of("big", c.get(0));
        for (int i = 1; i < 20; i++) {
            group = group.with(c.get(i));
        }
        assertEquals(new HashSet<>(c.subList(0, 20)), new HashSet<>(new ArrayList<>(group)), "first snapshot");
        assertEquals(new HashSet<>(c.subList(0, 20)), new HashSet<>(new ArrayList<>(group)), "the same snapshot, read again");
        for (int i = 20; i < 40; i++) {
            group.with(c.get(i));
            List<Connection> seen = new ArrayList<>(group);
            assertEquals(i + 1, seen.size(), "a read after a join sees it");
            assertTrue(seen.contains(c.get(i)));
        }
        group.without(c.get(7));
        List<Connection> after = new ArrayList<>(group);
        assertEquals(39, after.size(), "a read after a leave no longer sees the member");
        assertFalse(after.contains(c.get(7)));
        group.with(c.get(7));
        assertTrue(new ArrayList<>(group).contains(c.get(7)), "rejoining counts as a change too");
    }

    @Test
    void aReaderRacingTheChangesNeverKeepsAStaleSnapshot() throws Exception {
        List<Connection> c = connections(200);
        Members[] holder = {Members.of("big", c.get(0))};
        for (int i = 1; i < 100; i++) {
            holder[0] = holder[0].with(c.get(i));
        }
        Members group = holder[0];
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                for (Connection ignored : group) {
                    // walking builds and reuses snapshots while the writer changes the group
                }
            }
        });
        reader.start();
        try {
            for (int i = 100; i < 200; i++) {
                group.with(c.get(i));
                assertTrue(group.size() == 101 && new ArrayList<>(group).contains(c.get(i)), "join " + i + " seen");
                group.without(c.get(i - 100));
                assertFalse(new ArrayList<>(group).contains(c.get(i - 100)), "leave " + (i - 100) + " seen");
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertEquals(new HashSet<>(c.subList(100, 200)), new HashSet<>(new ArrayList<>(group)));
    }
}
