package scriptorium.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both paths are given explicitly, so
 * Selenium Manager never runs (it would try to download a browser; the network is closed).
 * Every wait has a deadline: {@link #await} fails the test with what it was waiting for.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    static {
        // Selenium warns it has no CDP bindings for this Chromium; the tests only send raw CDP commands.
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools").setLevel(java.util.logging.Level.SEVERE);
    }

    private final Path profile;
    private final ChromeDriver driver;

    private Browser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    static Browser open(int width, int height) {
        try {
            Path profile = Files.createTempDirectory("scriptorium-chromium");
            var options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                    "--lang=en-GB",
                    // Voice notes (issue 13): a fake microphone (a beep) that needs no permission prompt.
                    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                    .usingAnyFreePort()
                    .build();
            var driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
            return new Browser(profile, driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Browser open() {
        return open(1280, 900);
    }

    /** A phone's viewport (390 x 844, touch, mobile): a headless window can't be narrower than 500 px. */
    void emulatePhone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    }

    ChromeDriver driver() {
        return driver;
    }

    void get(String url) {
        driver.get(url);
        await("the page's modules to load", () -> (Boolean) js(
                "return document.readyState === 'complete' && !!document.querySelector('#server-state').textContent"));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Polls {@code probe} until it answers true or non-null (not false); fails after {@link #WAIT}. */
    <T> T await(String what, Supplier<T> probe) {
        return await(what, WAIT, probe);
    }

    /**
     * Clicks the first element matching {@code css} once there: found and clicked in one try, so that a list the page
     * renders again in between (a stale element) is found again.
     */
    void click(String what, String css) {
        await(what, () -> {
            List<WebElement> found = findAll(css);
            if (found.isEmpty()) {
                return false;
            }
            found.getFirst().click();
            return true;
        });
    }

    <T> T await(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e; // the page is still changing (a stale element): try again
            }
            sleep(40);
        }
        var failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + "\nbrowser console: " + console() + "\npage text:\n" + pageText());
        if (last != null) {
            failure.addSuppressed(last);
        }
        throw failure;
    }

    /** The agents' bubbles of the last run: agent, to, text (rendered), repaired, flags. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> bubbles() {
        return (List<Map<String, Object>>) js("""
                const runs = document.querySelectorAll('#log .run');
                const run = runs[runs.length - 1];
                if (!run) return [];
                return [...run.querySelectorAll('.msg:not(.msg-user)')].map(b => ({
                  agent: b.dataset.agent, to: b.dataset.to ?? null, messageId: b.dataset.messageId ?? null,
                  text: b.querySelector('.msg-body').textContent, repaired: b.dataset.repaired === 'true',
                  flag: b.querySelector('.msg-flag')?.textContent ?? null }));""");
    }

    /** Text length of the {@code index}-th bubble (0-based) of {@code agent} in the last run, or -1. */
    long textLength(String agent, int index) {
        return (Long) js("""
                const runs = document.querySelectorAll('#log .run');
                const b = runs.length ? runs[runs.length - 1].querySelectorAll('.msg[data-agent="' + arguments[0] + '"] .msg-body')[arguments[1]] : null;
                return b ? b.textContent.length : -1;""", agent, index);
    }

    /** True once the last run has ended (terminal event shown). */
    boolean runEnded() {
        return (Boolean) js("const r = [...document.querySelectorAll('#log .run')].pop(); return !!r && r.dataset.ended === 'true';");
    }

    /** The conversation the page shows, from its URL (?c=...). */
    String conversationId() {
        return await("the conversation id in the URL", () -> {
            String query = java.net.URI.create(driver.getCurrentUrl()).getQuery();
            for (String part : query == null ? new String[0] : query.split("&")) {
                if (part.startsWith("c=")) {
                    return part.substring(2);
                }
            }
            return null;
        });
    }

    /** What a person would read on the page, for failure messages. */
    String pageText() {
        try {
            String text = (String) js("return document.body.innerText");
            return text.length() > 3000 ? text.substring(0, 3000) + "…" : text;
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    String console() {
        try {
            return driver.manage().logs().get("browser").getAll().toString();
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getMessage() + ")";
        }
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temp folder left behind harms nothing; the OS cleans /tmp
        }
    }
}
