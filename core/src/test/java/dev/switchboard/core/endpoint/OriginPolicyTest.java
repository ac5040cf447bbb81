package dev.switchboard.core.endpoint;

import dev.switchboard.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {

    private static OriginPolicy from(Map<String, String> values) {
        return OriginPolicy.from(Settings.from(values));
    }

    @ParameterizedTest
    @CsvSource({
            "HTTPS://App.Example:443, https://app.example",
            "http://app.example:80, http://app.example",
            "http://APP.example:8080, http://app.example:8080",
            "https://app.example:80, https://app.example:80",
            "wss://app.example:443, wss://app.example",
            "http://[::1]:8080, http://[::1]:8080",
            "chrome-extension://abcdef, chrome-extension://abcdef"})
    void normalisesCaseAndDefaultPorts(String origin, String normalised) {
        assertEquals(normalised, OriginPolicy.normalise(origin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "app.example", "https://app.example/", "https://app.example/path",
            "https://user@app.example", "https://app.example?x=1", "https://app.example#f", "https://", "://x",
            "https://app.example:99999", "https://exa mple.com", ""})
    void refusesWhatIsNotASerialisedOrigin(String text) {
        assertNull(OriginPolicy.normalise(text));
    }

    @Test
    void matchesExactlyAfterNormalisation() {
        OriginPolicy policy = from(Map.of(OriginPolicy.ALLOWED_ORIGINS, "https://app.example, http://localhost:8080"));
        assertEquals(Set.of("https://app.example", "http://localhost:8080"), policy.allowed());
        assertTrue(policy.allows("https://app.example"));
        assertTrue(policy.allows("https://APP.example:443"));
        assertTrue(policy.allows("http://localhost:8080"));
        assertFalse(policy.allows("http://app.example"), "another scheme");
        assertFalse(policy.allows("https://app.example:8443"), "another port");
        assertFalse(policy.allows("http://localhost"), "the default port is another port");
        assertFalse(policy.allows("https://evil.app.example"), "a subdomain");
        assertFalse(policy.allows("https://app.example.evil.example"), "a suffix");
        assertFalse(policy.allows("https://app.exampl"), "a prefix");
        assertFalse(policy.allows("null"), "the opaque origin");
        assertFalse(policy.allows("https://app.example/"), "not an origin");
        assertTrue(policy.allows(null), "no Origin: a non-browser client");
        assertTrue(policy.allows(" "), "a blank Origin counts as none");
    }

    @Test
    void requireOriginRefusesHandshakesWithoutOne() {
        OriginPolicy policy = from(Map.of(OriginPolicy.ALLOWED_ORIGINS, "https://app.example",
                OriginPolicy.REQUIRE_ORIGIN, "true"));
        assertFalse(policy.allows(null));
        assertTrue(policy.allows("https://app.example"));
        assertFalse(from(Map.of(OriginPolicy.REQUIRE_ORIGIN, "true")).allows(null), "also when any origin is allowed");
    }

    @Test
    void unsetAllowsEveryOriginAndStarOnlyByItself() {
        OriginPolicy unset = from(Map.of());
        assertTrue(unset.allowsAnyOrigin());
        assertTrue(unset.allows("http://evil.example"));
        assertTrue(unset.allows(null));

        OriginPolicy star = from(Map.of(OriginPolicy.ALLOWED_ORIGINS, "*"));
        assertTrue(star.allowsAnyOrigin());
        assertTrue(star.allows("http://evil.example"));
        assertEquals("SWITCHBOARD_ALLOWED_ORIGINS: '*' allows every origin and cannot be combined with other entries",
                assertThrows(IllegalArgumentException.class,
                        () -> from(Map.of(OriginPolicy.ALLOWED_ORIGINS, "*, https://app.example"))).getMessage());
    }

    @Test
    void anEmptyListAllowsNoPageButStillNonBrowserClients() {
        OriginPolicy none = from(Map.of(OriginPolicy.ALLOWED_ORIGINS, ""));
        assertFalse(none.allowsAnyOrigin());
        assertFalse(none.allows("http://127.0.0.1:8080"));
        assertTrue(none.allows(null));
    }

    @Test
    void aMalformedEntryNamesTheKeyAndTheEntry() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of(OriginPolicy.ALLOWED_ORIGINS, "https://app.example, app.example/")));
        assertTrue(error.getMessage().startsWith("SWITCHBOARD_ALLOWED_ORIGINS: 'app.example/' is not an origin"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OriginPolicy.allowing(List.of("null"), false));
        assertThrows(IllegalArgumentException.class, () -> from(Map.of(OriginPolicy.REQUIRE_ORIGIN, "maybe")));
    }
}
