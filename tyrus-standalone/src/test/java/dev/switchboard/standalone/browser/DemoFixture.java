package dev.switchboard.standalone.browser;

import dev.switchboard.standalone.StandaloneServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;

/**
 * What every browser test class runs on: one demo site, started before the class's tests and closed
 * after them, and a fresh headless browser for each test. Register it as a static
 * {@code @RegisterExtension} field. Used by JUnit's test thread only.
 */
final class DemoFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** How a test class starts its site ({@link DemoSite#firstRun}, {@link DemoSite#start}). */
    interface Starter {
        DemoSite start() throws IOException;
    }

    private final Starter starter;
    private DemoSite site;
    private Browser browser;

    DemoFixture(Starter starter) {
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        site = starter.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (site != null) {
            site.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        browser = Browser.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    StandaloneServer server() {
        return site.server;
    }

    /** This test's browser. */
    Browser browser() {
        return browser;
    }

    /** The demo opened as {@code user} in this test's browser, signed in and in {@code #lobby}. */
    Browser.Page page(String user, String query) {
        return site.demo(browser, user, query);
    }
}
