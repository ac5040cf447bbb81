package dev.switchboard.core.config;

import dev.switchboard.core.hub.Hub;
import dev.switchboard.core.testing.TestAuthenticator;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code SWITCHBOARD_PRESENCE_ROOMS}: the presence rule from settings, none when unset, a clear error when malformed. */
class PresenceSettingsTest {

    private static Hub hub(Map<String, String> values) {
        return HubSettings.apply(Settings.from(values),
                Hub.builder().authenticator(new TestAuthenticator()).discoverHooks(false)).build();
    }

    @Test
    void theRuleComesFromTheSetting() {
        Hub hub = hub(Map.of("SWITCHBOARD_PRESENCE_ROOMS", "lobby|chat-.*"));
        try {
            assertEquals("lobby|chat-.*", hub.presenceRooms().map(Pattern::pattern).orElse(null));
        } finally {
            hub.shutdown();
        }
        Hub none = hub(Map.of());
        try {
            assertFalse(none.presenceRooms().isPresent(), "default: no room has presence");
        } finally {
            none.shutdown();
        }
    }

    @Test
    void aMalformedRuleNamesTheKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> hub(Map.of("SWITCHBOARD_PRESENCE_ROOMS", "lobby(")));
        assertTrue(error.getMessage().startsWith("SWITCHBOARD_PRESENCE_ROOMS is not a regular expression"),
                error.getMessage());
    }
}
