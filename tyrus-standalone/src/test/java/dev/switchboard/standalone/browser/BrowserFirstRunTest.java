package dev.switchboard.standalone.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static dev.switchboard.standalone.browser.DemoSite.lobby;
import static dev.switchboard.standalone.browser.DemoSite.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as a newcomer meets it: the standalone server with no settings at all (generated secret,
 * no room rule, no connection key) and the page opened at {@code /} with no token. It fetches a
 * demo token, joins {@code #lobby}, chats with a second page, and lists both in the members panel
 * through presence, until the second page leaves; an encrypted client round-trips through the room.
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
        guest.await("the members list shows both users, fed by presence",
                "(() => { const names = [...document.querySelectorAll('#members .member .name')].map(e => e.textContent);"
                        + " return names.includes('zoe') && names.includes(window.demo.sb.userId + ' (you)')"
                        + " && document.getElementById('members-note').hidden; })()");
        assertEquals("open", guest.js("return document.getElementById('status').dataset.state"));

        assertEquals(Map.of("left", true), zoe.async("await window.demo.sb.leave('lobby'); return { left: true };"));
        guest.await("zoe's leave reached the members list",
                "(() => { const names = [...document.querySelectorAll('#members .member .name')].map(e => e.textContent);"
                        + " return !names.includes('zoe') && names.includes(window.demo.sb.userId + ' (you)'); })()");

        @SuppressWarnings("unchecked")
        Map<String, Object> sealed = (Map<String, Object>) zoe.async(
                "const { Switchboard } = await import('/switchboard/switchboard.js');"
                        + "const token = (await (await fetch('/demo/token?user=enc', { cache: 'no-store' })).json()).token;"
                        + "const sb = new Switchboard('/ws', { credentials: { token }, encryption: true });"
                        + "await sb.connect(); await sb.join('lobby');"
                        + "const got = new Promise((resolve) => sb.on('chat:message', (m) => resolve(m)));"
                        + "await sb.request('chat:send', { room: 'lobby', text: 'sealed hello' });"
                        + "const m = await got; const out = { encrypted: sb.encrypted, text: m.text }; sb.close(); return out;");
        assertEquals(Map.of("encrypted", true, "text", "sealed hello"), sealed);
        guest.await("the plain page got the encrypted client's message",
                () -> lobby(guest).equals(List.of("first!", "sealed hello")));
    }
}
