package dev.switchboard.standalone.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.switchboard.standalone.browser.DemoSite.lobby;
import static dev.switchboard.standalone.browser.DemoSite.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as a newcomer meets it: the standalone server with no settings at all (generated secret,
 * no room rule, no connection key) and the page opened at {@code /} with no token. It fetches a
 * demo token, joins {@code #lobby}, chats with a second page, and says presence is unavailable
 * (this server does not answer {@code presence} yet) instead of failing.
 */
class BrowserFirstRunTest {

    @RegisterExtension
    static final DemoFixture demo = new DemoFixture(DemoSite::firstRun);

    @Test
    void thePageAtTheRootSignsInAsAGuestJoinsTheLobbyAndChats() {
        Browser.Page guest = demo.browser().open(demo.server().httpUri());
        guest.await("the guest joined #lobby", "window.demo && window.demo.view.joined.has('lobby')");
        String name = (String) guest.js("return window.demo.sb.userId");
        assertTrue(name.matches("guest-\\d{4}"), name);
        assertEquals(name, guest.js("return document.getElementById('me-name').textContent"));

        Browser.Page zoe = demo.browser().open(demo.server().httpUri().resolve("/?user=zoe"));
        zoe.await("zoe joined #lobby", "window.demo && window.demo.view.joined.has('lobby')");
        assertEquals("zoe", zoe.js("return window.demo.sb.userId"));

        say(zoe, "first!");
        guest.await("the guest sees zoe's message", () -> lobby(guest).equals(List.of("first!")));
        guest.await("the members list says presence is unavailable",
                "document.getElementById('members-note').textContent.startsWith('Presence unavailable')");
        assertEquals("open", guest.js("return document.getElementById('status').dataset.state"));
    }
}
