package dev.switchboard.core.internal.connection;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections of one room or one user, as an index stores them under its key: most rooms are
 * a client's own and most users have one socket, so up to {@value #SMALL} members are an immutable
 * array replaced on every change (an idle member costs one array slot), and a larger group is a
 * concurrent set changed in place. The name is kept once here, for every member to share.
 *
 * <p>A large group's readers (a fan-out walks every member) iterate an array snapshot built on the
 * first read after a change and labelled with the group's version, so a fan-out to a big room walks
 * an array, not a hash table, and a change is never missed: a snapshot counts only while its version
 * is the current one.
 *
 * <p>Concurrency: {@link #with} and {@link #without} are called only inside the owning index's
 * atomic step for this key ({@code ConcurrentHashMap.compute}); readers iterate without locks and
 * see an immutable array (small, or a large group's snapshot). The set is read-only to everyone else.
 */
public final class Members extends AbstractSet<Connection> {

    static final int SMALL = 8;

    private final String name;
    private final Connection[] small;
    private final Large large;

    private Members(String name, Connection[] small, Large large) {
        this.name = name;
        this.small = small;
        this.large = large;
    }

    /** A group of one. */
    public static Members of(String name, Connection first) {
        return new Members(name, new Connection[]{first}, null);
    }

    /** Whether this is a group of at most {@value #SMALL} (an immutable array, replaced on every change). */
    boolean isSmall() {
        return large == null;
    }

    /** The key this group is stored under; members share this instance. */
    public String name() {
        return name;
    }

    /** This group with {@code member} added: itself when already there (or large), else a new group. */
    public Members with(Connection member) {
        if (large != null) {
            large.add(member);
            return this;
        }
        if (contains(member)) {
            return this;
        }
        if (small.length < SMALL) {
            Connection[] next = Arrays.copyOf(small, small.length + 1);
            next[small.length] = member;
            return new Members(name, next, null);
        }
        Large set = new Large();
        set.members.addAll(Arrays.asList(small));
        set.add(member);
        return new Members(name, null, set);
    }

    /** This group without {@code member}, or null when it was the last one. */
    public Members without(Connection member) {
        if (large != null) {
            large.remove(member);
            return large.members.isEmpty() ? null : this;
        }
        int at = indexOf(member);
        if (at < 0) {
            return this;
        }
        if (small.length == 1) {
            return null;
        }
        Connection[] next = new Connection[small.length - 1];
        System.arraycopy(small, 0, next, 0, at);
        System.arraycopy(small, at + 1, next, at, small.length - at - 1);
        return new Members(name, next, null);
    }

    private int indexOf(Object member) {
        for (int i = 0; i < small.length; i++) {
            if (small[i] == member) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean contains(Object member) {
        return large != null ? large.members.contains(member) : indexOf(member) >= 0;
    }

    @Override
    public int size() {
        return large != null ? large.members.size() : small.length;
    }

    @Override
    public Iterator<Connection> iterator() {
        // does not support remove
        return Arrays.asList(large != null ? large.snapshot() : small).iterator();
    }

    /** A group above {@value #SMALL}: a concurrent set, and its array snapshot for readers. */
    private static final class Large {
        final Set<Connection> members = ConcurrentHashMap.newKeySet(SMALL * 4);
        /** Changes so far; written only inside the index's atomic step for this key. */
        private volatile int version;
        private volatile Snapshot snapshot;

        private record Snapshot(int version, Connection[] members) {
        }

        void add(Connection member) {
            if (members.add(member)) {
                version++; // after the change: a reader that sees the new version sees the member
            }
        }

        void remove(Connection member) {
            if (members.remove(member)) {
                version++;
            }
        }

        /** The members as of now; rebuilt only when the group changed since the last one. */
        Connection[] snapshot() {
            int current = version;
            Snapshot last = snapshot;
            if (last != null && last.version() == current) {
                return last.members();
            }
            // built after reading the version, so it holds at least every change counted in it
            Connection[] now = members.toArray(new Connection[0]);
            snapshot = new Snapshot(current, now);
            return now;
        }
    }
}
