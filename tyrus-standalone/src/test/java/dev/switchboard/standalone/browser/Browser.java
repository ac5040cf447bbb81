package dev.switchboard.standalone.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * One headless Debian Chromium, driven by chromium-driver through Selenium, with a fresh profile;
 * each {@link Page} is a tab. Refuses to start (an {@link AssertionError} naming what to install)
 * when the browser or its driver is missing, so the browser tests fail instead of skipping.
 * Used by one test thread at a time; the current tab is switched per call.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final List<Page> pages = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        Path chromium = Path.of(System.getProperty("switchboard.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("switchboard.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw new AssertionError("The browser tests need Debian's Chromium and its driver (" + chromium + ", "
                    + chromedriver + "): apt-get install -y chromium chromium-driver (or set -Dswitchboard.chromium"
                    + " and -Dswitchboard.chromedriver)");
        }
        Path profile = Files.createTempDirectory("switchboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows", "--window-size=1440,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    /** Opens a URL in a new tab (the first page uses the initial tab). */
    Page open(URI url) {
        if (!pages.isEmpty()) {
            driver.switchTo().newWindow(WindowType.TAB);
        }
        Page page = new Page(driver.getWindowHandle());
        pages.add(page);
        driver.get(url.toString());
        return page;
    }

    /** Console output of every tab so far (for failure messages). */
    String console() {
        StringBuilder text = new StringBuilder();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            text.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** One tab. */
    final class Page {

        private final String handle;

        private Page(String handle) {
            this.handle = handle;
        }

        private ChromeDriver focus() {
            if (!driver.getWindowHandle().equals(handle)) {
                driver.switchTo().window(handle);
            }
            return driver;
        }

        /** Runs a script body ({@code return ...}) in the page. */
        Object js(String script, Object... args) {
            return focus().executeScript(script, args);
        }

        /**
         * Runs an async function body in the page ({@code await} allowed; its return value is the
         * result; a thrown error comes back as {@code {error: code}}).
         */
        Object async(String body, Object... args) {
            String script = "const done = arguments[arguments.length - 1]; const args = Array.from(arguments).slice(0, -1);"
                    + "(async () => {" + body + "})().then(done, (e) => done({ error: (e && e.code) || String(e) }));";
            return focus().executeAsyncScript(script, args);
        }

        /** Waits until the expression is true in the page. */
        void await(String what, String expression) {
            try {
                new WebDriverWait(focus(), WAIT).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!(" + expression + ")")));
            } catch (RuntimeException e) {
                throw new AssertionError("Not within " + WAIT.toSeconds() + " s: " + what + " (" + expression + ")\nconsole:\n" + console(), e);
            }
        }

        /** Waits until the supplier (run with this tab in front) returns true. */
        void await(String what, Supplier<Boolean> condition) {
            try {
                new WebDriverWait(focus(), WAIT).until(d -> condition.get());
            } catch (RuntimeException e) {
                throw new AssertionError("Not within " + WAIT.toSeconds() + " s: " + what + "\nconsole:\n" + console(), e);
            }
        }

        void click(String id) {
            js("document.getElementById(arguments[0]).click()", id);
        }

        void type(String id, String text) {
            focus();
            driver.findElement(org.openqa.selenium.By.id(id)).sendKeys(text);
        }

        /** Texts of the elements matching a selector, in document order. */
        @SuppressWarnings("unchecked")
        List<String> texts(String selector) {
            return (List<String>) js("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)", selector);
        }

        byte[] screenshot() {
            focus();
            return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        }
    }
}
