package dev.switchboard.core.internal.connection;

import java.util.Set;

/**
 * How an index ({@code RoomIndex}, {@link ConnectionRegistry}'s users) stores the connections under
 * one key: a group of one is the {@link Connection} itself, two or more are {@link Members}. Most
 * rooms are a client's own and most users have one socket, so an idle connection pays no group
 * object and no array for either. Values are {@code Object}: {@code null} (no group), a
 * {@code Connection} or a {@code Members}, and only these methods read or change them.
 *
 * <p>Concurrency: {@link #with} and {@link #without} are called only inside the index's atomic step
 * for the key ({@code ConcurrentHashMap.compute}), as {@link Members} requires; {@link #view} and
 * {@link #contains} read without locks. Stateless.
 */
public final class Group {

    private Group() {
    }

    /** The group stored under {@code name} with {@code member} added (the group itself when already there). */
    public static Object with(Object group, String name, Connection member) {
        if (group == null) {
            return member;
        }
        if (group instanceof Connection only) {
            return only == member ? only : Members.of(name, only).with(member);
        }
        return ((Members) group).with(member);
    }

    /** The group without {@code member}: null when it was the last, the one connection left when one is. */
    public static Object without(Object group, Connection member) {
        if (group instanceof Connection only) {
            return only == member ? null : only;
        }
        if (group == null) {
            return null;
        }
        Members rest = ((Members) group).without(member);
        return rest != null && rest.isSmall() && rest.size() == 1 ? rest.iterator().next() : rest;
    }

    public static boolean contains(Object group, Connection member) {
        return group == member || group instanceof Members members && members.contains(member);
    }

    /** The group as a read-only set: empty for none, a snapshot or a weakly consistent live view. */
    public static Set<Connection> view(Object group) {
        if (group == null) {
            return Set.of();
        }
        return group instanceof Connection only ? Set.of(only) : (Members) group;
    }

    /** The index's instance of the key for members to share, when the group keeps one ({@code fallback} else). */
    public static String name(Object group, String fallback) {
        return group instanceof Members members ? members.name() : fallback;
    }
}
