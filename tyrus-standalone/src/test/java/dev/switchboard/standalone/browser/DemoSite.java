package dev.switchboard.standalone.browser;

import dev.switchboard.core.auth.JwtAuthenticator;
import dev.switchboard.standalone.StandaloneConfig;
import dev.switchboard.standalone.StandaloneServer;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The standalone server on a free port with a known JWT secret, so each demo page signs in as its
 * own user through {@code ?token=}; plus what the tests do on a demo page. Closed by its test class.
 */
final class DemoSite implements AutoCloseable {

    private static final String SECRET = "a-browser-test-secret-long-enough-for-hs256";

    final StandaloneServer server;
    private final JwtAuthenticator tokens = new JwtAuthenticator(SECRET);

    private DemoSite(StandaloneServer server) {
        this.server = server;
    }

    /** Starts a server as the README's first command does (generated secret, demo tokens), on a free port. */
    static DemoSite firstRun() throws IOException {
        StandaloneConfig config = StandaloneConfig.from(Map.of("SWITCHBOARD_PORT", "0"));
        return new DemoSite(StandaloneServer.start(config, new JwtAuthenticator(JwtAuthenticator.generateSecret())));
    }

    /** Starts a server with these settings on top of a free port, the known secret and a connection key. */
    static DemoSite start(Map<String, String> settings) throws IOException {
        Map<String, String> all = new HashMap<>(settings);
        all.put("SWITCHBOARD_PORT", "0");
        all.put("SWITCHBOARD_AUTH_SECRET", SECRET);
        all.putIfAbsent("SWITCHBOARD_CONNECTION_KEY", "a-connection-key-for-the-browser-tests-32+");
        StandaloneConfig config = StandaloneConfig.from(all);
        return new DemoSite(StandaloneServer.start(config, new JwtAuthenticator(SECRET)));
    }

    /** Opens the demo as {@code user} (extra query parameters in {@code query}); it signs in and joins {@code #lobby}. */
    Browser.Page demo(Browser browser, String user, String query) {
        String token = tokens.issue(user, Map.of("name", user), Duration.ofHours(1));
        Browser.Page page = browser.open(server.httpUri().resolve("/?token=" + token + query));
        page.await(user + " joined #lobby", "window.demo && window.demo.view.joined.has('lobby')");
        return page;
    }

    /** Types a message in the composer and sends it. */
    static void say(Browser.Page page, String text) {
        page.type("composer-input", text);
        page.click("send");
    }

    /** The texts of the #lobby messages the page shows, in order. */
    static List<String> lobby(Browser.Page page) {
        return page.texts("#messages .msg[data-room='lobby'] .text");
    }

    @Override
    public void close() {
        server.close();
    }
}
