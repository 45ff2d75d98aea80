package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import scriptorium.testing.TestServer;

/**
 * Keyboard-only use, visible focus, WCAG AA contrast in both themes, a phone-sized screen, and the axe-core engine
 * finding nothing in any state of the page.
 */
class AccessibilityPageTest {

    /** Chunks slow enough that a discussion is still streaming while axe looks at it. */
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("OFFLINE_CHUNK_DELAY_MS", "25"));

    private static Browser browser;

    @BeforeAll
    static void open() {
        browser = Browser.open();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void theChatWorksFromTheKeyboardAloneWithTheFocusVisible() {
        browser.get(server.uri("/").toString());
        // From the top of the page: the skip link first, then it leads to the message box.
        WebElement body = browser.find("body");
        body.sendKeys(Keys.TAB);
        WebElement skip = active();
        assertThat(skip.getText()).isEqualTo("Skip to the message box");
        assertThat(skip.isDisplayed()).as("the skip link shows when focused").isTrue();
        skip.sendKeys(Keys.ENTER);
        WebElement box = browser.await("the message box to have the focus", () ->
                "message".equals(active().getAttribute("id")) ? active() : null);
        assertThat(outline(box)).as("a visible focus ring").isNotEqualTo("none");

        box.sendKeys("Plume, reformule : le clavier suffit.", Keys.ENTER);
        browser.await("the answer", () -> !browser.findAll("#log .run .stats").isEmpty());

        // Shift+Tab from the box reaches the mode selector's neighbours and the Notes button by keyboard.
        WebElement notes = browser.find("#toggle-notes");
        notes.sendKeys(Keys.ENTER);
        assertThat(browser.find("#notes").isDisplayed()).isTrue();
        assertThat(active().getAttribute("id")).as("the search box takes the focus").isEqualTo("note-query");
        active().sendKeys(Keys.ESCAPE);
        assertThat(browser.find("#notes").isDisplayed()).isFalse();
        assertThat(active().getAttribute("id")).isEqualTo("toggle-notes");
        assertThat(outline(active())).isNotEqualTo("none");

        assertThat(browser.find("#log").getAttribute("role")).isEqualTo("log");
        assertThat(browser.find("#log").getAttribute("aria-live")).isEqualTo("polite");
        assertThat(browser.find("#announcer").getAttribute("aria-live")).isEqualTo("polite");
    }

    @Test
    void textContrastPassesWcagAaInTheLightAndTheDarkTheme() {
        for (String scheme : List.of("light", "dark")) {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            browser.get(server.uri("/").toString());
            browser.find("#mode option[value=discussion]").click();
            browser.find("#message").sendKeys("Plume et Mimir, discutez du contraste.", Keys.ENTER);
            browser.await("the discussion", () -> !browser.findAll("#log .run .stats").isEmpty());
            browser.find("#toggle-notes").click();
            @SuppressWarnings("unchecked")
            var failures = (List<String>) browser.js(CONTRAST);
            assertThat(failures).as("text under 4.5:1 in the %s theme", scheme).isEmpty();
            browser.find("#new-conversation").click();
        }
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    @Test
    void axeFindsNoViolationEmptyDuringAndAfterADiscussionWithTheNotesOpenInBothThemes() throws IOException {
        String code = "une-ligne-de-code-bien-plus-longue-que-le-panneau ".repeat(8);
        server.post("/api/v1/notes", "{\"title\":\"Accessible\",\"content\":\"Une note accessible.\\n\\n```\\n"
                + code + "\\n```\",\"tags\":[\"a11y\"]}");
        String axe = axeSource();
        List<String> violations = new ArrayList<>();
        for (String scheme : List.of("light", "dark")) {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            browser.get(server.uri("/").toString());
            violations.addAll(axe(axe, scheme + ", empty"));

            browser.find("#mode option[value=discussion]").click();
            browser.find("#message").sendKeys("Plume et Mimir, discutez de l'accessibilité.", Keys.ENTER);
            browser.await("a streaming bubble", () -> !browser.findAll("#log .msg-body[aria-busy=true]").isEmpty());
            violations.addAll(axe(axe, scheme + ", during a discussion"));
            assertThat(browser.find("#stop").isDisplayed()).as("still streaming after the scan").isTrue();
            browser.await("the discussion's end", () -> !browser.findAll("#log .run .stats").isEmpty());
            violations.addAll(axe(axe, scheme + ", after a discussion"));

            browser.find("#toggle-notes").click();
            browser.find("#note-query").sendKeys("accessible", Keys.ENTER);
            browser.await("the search to answer", () -> browser.find("#notes-message").getText().matches("\\d+ results?"));
            browser.await("the note opened", () -> {
                browser.findAll("#note-results button").getFirst().click(); // again if the list was redrawn
                return browser.find("#note-view").getText().contains("une-ligne-de-code");
            });
            violations.addAll(axe(axe, scheme + ", notes panel open"));
            browser.find("#close-notes").click();
            browser.find("#new-conversation").click();
        }
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        assertThat(violations).isEmpty();
    }

    @Test
    void onAPhoneSizedScreenNothingOverflowsAndTheListIsBehindAButton() {
        try (Browser phone = Browser.open()) {
            phone.emulatePhone();
            phone.get(server.uri("/").toString());
            assertThat(phone.js("return window.innerWidth")).isEqualTo(390L);
            phone.find("#message").sendKeys("Plume, reformule : un écran étroit suffit aussi pour écrire des notes.", Keys.ENTER);
            phone.await("the answer", () -> !phone.findAll("#log .run .stats").isEmpty());
            assertThat(phone.js("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
            assertThat(phone.find("#sidebar").isDisplayed()).isFalse();
            phone.find("#toggle-sidebar").click();
            assertThat(phone.find("#sidebar").isDisplayed()).isTrue();
            phone.find("#conversations .conversation-open").click();
            phone.await("the list to close", () -> !phone.find("#sidebar").isDisplayed());
            phone.await("the conversation", () -> !phone.findAll("#log .run .stats").isEmpty());
            phone.screenshot(java.nio.file.Path.of("target", "screenshots", "phone.png"));
        }
    }

    /** axe-core's violations of WCAG 2.0 and 2.1 A and AA and of its best practices: "state: rule (impact) targets". */
    @SuppressWarnings("unchecked")
    private static List<String> axe(String source, String state) {
        if ("undefined".equals(browser.js("return typeof window.axe"))) {
            browser.js(source);
        }
        var found = (List<String>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                  .then((r) => done(r.violations.map((v) => v.id + ' (' + v.impact + ') '
                      + v.nodes.map((n) => n.target.join(' ')).join(', '))))
                  .catch((e) => done(['axe failed: ' + e]));""");
        return found.stream().map(violation -> state + ": " + violation).toList();
    }

    private static String axeSource() throws IOException {
        try (InputStream in = AccessibilityPageTest.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            assertThat(in).as("axe-core's WebJar on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static WebElement active() {
        return browser.driver().switchTo().activeElement();
    }

    private static String outline(WebElement element) {
        return (String) browser.js("return getComputedStyle(arguments[0]).outlineStyle", element);
    }

    /** Every visible text element: its colour against the first opaque background behind it, at least 4.5:1. */
    private static final String CONTRAST = """
            const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
            const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
              return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
            const background = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
              if (c.length === 3 || c[3] > 0.9) return c; } return [255, 255, 255]; };
            const failures = [];
            for (const el of document.querySelectorAll('body *')) {
              const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
              if (!own || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
              if (el.closest('.sr-only, .skip-link, [disabled], textarea, input, option')) continue;
              const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              if (ratio < 4.5) failures.push(el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
            }
            return failures;""";
}
