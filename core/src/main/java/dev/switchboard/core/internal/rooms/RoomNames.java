package dev.switchboard.core.internal.rooms;

/** The rules a room name requested by a client must meet before any validator sees it. */
public final class RoomNames {

    /** Names starting with this are reserved for Switchboard's own channels. */
    public static final String RESERVED_PREFIX = "sb:";
    public static final int MAX_LENGTH = 256;

    private RoomNames() {
    }

    /** Non-empty, at most 256 characters, no reserved prefix, no control characters. */
    public static boolean isWellFormed(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.startsWith(RESERVED_PREFIX)) {
            return false;
        }
        return name.chars().noneMatch(Character::isISOControl);
    }
}
