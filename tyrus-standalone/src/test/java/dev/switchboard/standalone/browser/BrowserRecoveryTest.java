package dev.switchboard.standalone.browser;

import dev.switchboard.core.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static dev.switchboard.standalone.browser.DemoSite.lobby;
import static dev.switchboard.standalone.browser.DemoSite.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * switchboard.js when the server cannot resume: the suspended session's TTL (100 ms) ends before
 * the page's first reconnect attempt (backoff of at least 3 s), so the resume is refused; the page
 * fails the request it had in flight with DISCONNECTED, authenticates again as a new client, joins
 * its rooms again, and chats on.
 */
class BrowserRecoveryTest {

    @RegisterExtension
    static final DemoFixture demo = new DemoFixture(() -> DemoSite.start(Map.of(
            "SWITCHBOARD_CONNECTION_KEY", "a-connection-key-for-the-browser-recovery-test",
            "SWITCHBOARD_DISCONNECTION_TTL_MS", "100")));

    @Test
    void aSessionThatCannotBeResumedSignsInAgainAndRejoinsItsRooms() {
        Browser.Page frank = demo.page("frank", "&reconnectDelay=6000");
        Browser.Page grace = demo.page("grace", "");
        String oldId = (String) frank.js("return window.demo.sb.id");
        frank.js("const sb = window.demo.sb; window.outcome = null; window.reasons = [];"
                + "sb.on('recovery-failed', ({ reason }) => window.reasons.push(reason));"
                + "sb.request('system:delay', { ms: 60000, value: 'never' }, { timeout: 0 })"
                + "  .then(() => { window.outcome = 'answered'; }, (e) => { window.outcome = e.code; });");
        Eventually.equal("the slow request reached the server", 1, () -> demo.server().hub().requestsInFlight());

        frank.click("drop");
        Eventually.until("the suspended session ended after its TTL", () -> demo.server().hub().client(oldId).isEmpty());
        frank.await("frank signed in again as a new client", "window.demo.sb.state === 'open' && window.demo.sb.id !== arguments[0]"
                .replace("arguments[0]", "'" + oldId + "'"));

        assertEquals("DISCONNECTED", frank.js("return window.outcome"), "the request sent on the lost session failed");
        assertEquals(List.of("INVALID_TOKEN"), frank.js("return window.reasons"));
        String newId = (String) frank.js("return window.demo.sb.id");
        assertNotEquals(oldId, newId);
        Eventually.until("frank is in #lobby again", () -> demo.server().hub().roomsOf(newId).contains("lobby"));
        assertEquals(List.of("lobby"), frank.js("return window.demo.sb.rooms"));

        say(grace, "welcome back");
        frank.await("frank gets messages in the room again", () -> lobby(frank).equals(List.of("welcome back")));
        say(frank, "thanks");
        grace.await("grace hears frank", () -> lobby(grace).equals(List.of("welcome back", "thanks")));
        assertTrue(frank.texts("#activity .act span").stream().anyMatch(line -> line.startsWith("Signed in again")),
                "the activity log says so");
    }
}
