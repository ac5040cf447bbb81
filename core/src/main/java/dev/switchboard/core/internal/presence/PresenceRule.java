package dev.switchboard.core.internal.presence;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which rooms have presence (queries and join/leave events): those whose whole name matches the
 * pattern ({@code SWITCHBOARD_PRESENCE_ROOMS}); none without one. Immutable.
 */
public final class PresenceRule {

    public static final PresenceRule NONE = new PresenceRule(null);

    private final Pattern pattern;

    private PresenceRule(Pattern pattern) {
        this.pattern = pattern;
    }

    /** @param pattern the rooms with presence; {@code null} for none */
    public static PresenceRule of(Pattern pattern) {
        return pattern == null ? NONE : new PresenceRule(pattern);
    }

    public boolean matches(String room) {
        return pattern != null && pattern.matcher(room).matches();
    }

    public Optional<Pattern> pattern() {
        return Optional.ofNullable(pattern);
    }
}
