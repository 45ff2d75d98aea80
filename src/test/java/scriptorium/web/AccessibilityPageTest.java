package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import scriptorium.testing.TestServer;

/** Keyboard-only use, visible focus, WCAG AA contrast in both themes, and a phone-sized screen. */
class AccessibilityPageTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

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
