package dev.switchboard.standalone.browser;

import dev.switchboard.api.ClientState;
import dev.switchboard.api.RpcException;
import dev.switchboard.core.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.api.RpcException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.switchboard.standalone.browser.DemoSite.lobby;
import static dev.switchboard.standalone.browser.DemoSite.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo page and switchboard.js in headless Chromium against the standalone server as a first
 * run configures it (no room rule: the demo rooms; no connection key: a generated one): two pages
 * chat, RPC with progress and an aborted request, a socket the server drops resumes without losing
 * a message, and a screenshot of the demo ({@code target/demo-screenshot.png}).
 */
class BrowserDemoTest {

    @RegisterExtension
    static final DemoFixture site = new DemoFixture(() -> DemoSite.start(Map.of()));

    private Browser.Page demo(String user, String query) {
        return site.page(user, query);
    }

    @Test
    void twoPagesChatThroughARoom() {
        Browser.Page alice = demo("alice", "");
        Browser.Page bob = demo("bob", "");
        say(alice, "Hi Bob!");
        bob.await("bob sees alice's message", () -> lobby(bob).equals(List.of("Hi Bob!")));
        say(bob, "Hello Alice");
        alice.await("alice sees both, in order", () -> lobby(alice).equals(List.of("Hi Bob!", "Hello Alice")));
        assertEquals(List.of("alice", "bob"), alice.texts("#messages .msg .from"));
        assertEquals(List.of("Hi Bob!"), alice.texts("#messages .msg.mine .text"));
        bob.await("bob's list shows the same", () -> lobby(bob).equals(List.of("Hi Bob!", "Hello Alice")));
    }

    @Test
    void rpcAnswersReportProgressAndAnAbortedRequestIsCancelled() {
        Browser.Page page = demo("carol", "");
        page.click("time");
        page.await("the server time is shown", "document.getElementById('time-result').textContent.includes('round trip')");

        @SuppressWarnings("unchecked")
        Map<String, Object> finished = (Map<String, Object>) page.async(
                "const progress = [];"
                        + "const value = await window.demo.sb.request('system:delay', { ms: 350, value: 'ok' }, { onProgress: (p) => progress.push(p) });"
                        + "return { value, progress: progress.length, first: progress[0] };");
        assertEquals("ok", finished.get("value"));
        assertTrue(((Number) finished.get("progress")).intValue() >= 1, "a notification came before the answer: " + finished);
        assertEquals(350L, ((Map<?, ?>) finished.get("first")).get("totalMs"));

        @SuppressWarnings("unchecked")
        Map<String, Object> aborted = (Map<String, Object>) page.async(
                "const control = new AbortController(); let progress = 0;"
                        + "const call = window.demo.sb.request('system:delay', { ms: 30000, value: 'late' },"
                        + "  { signal: control.signal, onProgress: () => { progress++; control.abort(); } });"
                        + "try { await call; return { outcome: 'answered' }; } catch (e) { return { outcome: e.code, progress }; }");
        assertEquals(Map.of("outcome", "REQUEST_CANCELLED", "progress", 1L), aborted);
        Eventually.equal("the server ran the cancel", 0, () -> site.server().hub().requestsInFlight());

        assertEquals(Map.of("error", "METHOD_NOT_FOUND"), page.async("return await window.demo.sb.request('nope:nothing');"));

        page.click("slow");
        page.await("the slow task shows progress", "parseFloat(document.getElementById('slow-bar').style.width) > 0");
        page.click("slow-cancel");
        page.await("the slow task was cancelled", "document.getElementById('slow-result').dataset.outcome === 'REQUEST_CANCELLED'");
        assertEquals("Cancelled", page.js("return document.getElementById('slow-result').textContent"));
    }

    @Test
    void theServerCallsMethodsThePageAnswers() throws Exception {
        Browser.Page page = demo("heidi", "");
        page.js("const sb = window.demo.sb; window.cancelled = [];"
                + "sb.method('device:locate', async (query) => ({ lat: 48.85, lon: 2.35, asked: query }));"
                + "sb.method('device:fail', () => { throw Object.assign(new Error('No GPS fix'), { code: 'NO_GPS' }); });"
                + "sb.method('device:hang', (data, { signal }) => new Promise(() => signal.addEventListener('abort', () => window.cancelled.push(data))));");
        String id = (String) page.js("return window.demo.sb.id");
        var hub = site.server().hub();
        assertEquals(new Location(48.85, 2.35, new Query(true)),
                hub.request(id, "device:locate", new Query(true), Location.class, Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS));
        assertEquals("NO_GPS", failure(hub.request(id, "device:fail", null, Map.class, Duration.ofSeconds(10))).code());
        assertEquals("METHOD_NOT_FOUND", failure(hub.request(id, "device:unknown", null, Map.class, Duration.ofSeconds(10))).code());
        assertEquals("REQUEST_TIMEOUT", failure(hub.request(id, "device:hang", "h1", Map.class, Duration.ofMillis(300))).code());
        page.await("the page's handler saw the server's cancel", "window.cancelled.length === 1 && window.cancelled[0] === 'h1'");
    }

    public record Query(boolean precise) {
    }

    public record Location(double lat, double lon, Query asked) {
    }

    private static RpcException failure(CompletableFuture<?> call) throws Exception {
        try {
            call.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RpcException rpc) {
                return rpc;
            }
            throw e;
        }
        throw new AssertionError("the call succeeded");
    }

    /**
     * The dropped page waits (a backoff of at least 30 s) until the test has sent everything, then is
     * told to reconnect at once, so what was sent meanwhile is necessarily replayed.
     */
    @Test
    void aPageWhoseSocketTheServerDropsResumesWithoutLosingAMessage() {
        Browser.Page alice = demo("dave", "&reconnectDelay=60000");
        Browser.Page bob = demo("erin", "");
        say(bob, "before");
        alice.await("dave has the first message", () -> lobby(alice).equals(List.of("before")));
        String aliceId = (String) alice.js("return window.demo.sb.id");

        alice.click("drop");
        Eventually.equal("the server suspended dave's session", ClientState.SUSPENDED,
                () -> site.server().hub().client(aliceId).map(c -> c.state()).orElse(null));
        alice.await("dave's page is reconnecting", "window.demo.sb.state === 'reconnecting'");
        for (String text : List.of("while away 1", "while away 2", "while away 3")) {
            assertEquals(Map.of("delivered", true), bob.async("return await window.demo.sb.request('chat:send', { room: 'lobby', text: args[0] });", text));
        }
        alice.js("window.queued = window.demo.sb.request('chat:send', { room: 'lobby', text: 'queued by dave' });");
        assertEquals(true, alice.js("return window.demo.sb.reconnectNow()"));
        assertEquals(Map.of("delivered", true), alice.async("return await window.queued;"),
                "dave's request, queued while reconnecting, is sent after the resume");

        List<String> expected = List.of("before", "while away 1", "while away 2", "while away 3", "queued by dave");
        alice.await("dave has every message once, in order", () -> lobby(alice).equals(expected));
        bob.await("erin has every message once, in order", () -> lobby(bob).equals(expected));
        assertEquals(aliceId, alice.js("return window.demo.sb.id"), "the same session, resumed");
        assertEquals(Map.of("reconnects", 1L, "resumes", 1L, "replayed", 3L), alice.js("return window.demo.view.stats"),
                "one loss, one resume, the three messages sent meanwhile replayed");
        assertEquals("open", alice.js("return window.demo.sb.state"));
    }

    @Test
    void aScreenshotOfTheDemo() throws IOException {
        Browser.Page bob = demo("bob", "");
        Browser.Page alice = demo("alice", "");
        say(bob, "Morning! Is the deploy still on for 3 pm?");
        say(alice, "Yes — I'll post the release notes in #random.");
        say(bob, "Great, thanks.");
        alice.await("the conversation is shown", () -> lobby(alice).size() == 3);
        alice.click("time");
        alice.await("the time is shown", "document.getElementById('time-result').textContent.includes('round trip')");
        alice.click("drop");
        alice.await("the dropped socket was resumed", "window.demo.view.stats.resumes === 1");
        alice.click("slow");
        alice.await("the slow task is under way", "parseFloat(document.getElementById('slow-bar').style.width) >= 30");
        Path file = Path.of("target", "demo-screenshot.png");
        Files.createDirectories(file.getParent());
        Files.write(file, alice.screenshot());
        assertTrue(Files.size(file) > 10_000, "a real screenshot: " + file.toAbsolutePath());
        System.out.println("Demo screenshot: " + file.toAbsolutePath());
    }
}
