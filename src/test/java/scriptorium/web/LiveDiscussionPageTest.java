package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import scriptorium.testing.TestServer;

/** The chat page with a real server and a real browser: a discussion streams into live bubbles. */
class LiveDiscussionPageTest {

    // Slow chunks so that a message is seen growing well before the run ends.
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("OFFLINE_CHUNK_DELAY_MS", "40"));

    private static Browser browser;

    @BeforeAll
    static void start() {
        // A note for Mimir to find: the discussion then shows his tool chip and a link to the note.
        assertThat(server.post("/api/v1/notes", """
                {"title": "Documentation technique", "tags": ["doc"],
                 "content": "La **documentation technique** est lue quand elle est courte, à jour et proche du code."}
                """).statusCode()).isEqualTo(201);
        browser = Browser.open(1280, 1300); // tall enough for the whole discussion in the screenshot
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void aDiscussionFillsBothAgentsBubblesLiveThenShowsTheStatsLine() {
        browser.get(server.uri("/").toString());
        browser.find("#mode option[value=discussion]").click();
        WebElement box = browser.find("#message");
        box.sendKeys("Parlons de la documentation technique.", Keys.chord(Keys.SHIFT, Keys.ENTER),
                "Pourquoi la lit-on si peu ?");
        assertThat(box.getAttribute("value")).as("Shift+Enter adds a line, it does not send")
                .contains("technique.\nPourquoi");
        box.sendKeys(Keys.ENTER);

        assertGrowsWhileTheRunGoesOn("plume");
        assertGrowsWhileTheRunGoesOn("mimir");

        String stats = browser.await("the stats line", () -> text(".run .stats"));
        assertThat(stats).contains("Route: Discussion").contains("tokens").contains("$0.0000").contains("Model: offline");
        assertThat(browser.find(".run .msg-user").getText()).as("the question, with its two lines")
                .isEqualTo("Parlons de la documentation technique.\nPourquoi la lit-on si peu ?");
        assertThat(box.getAttribute("value")).as("the box is emptied once sent").isEmpty();

        // Who speaks to whom, in order, then the synthesis for the user; the same text as the store holds.
        List<Map<String, Object>> bubbles = browser.bubbles();
        List<JsonNode> stored = PageText.storedAgentMessages(server, browser.conversationId());
        assertThat(bubbles).hasSize(stored.size()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(bubbles.get(0)).containsEntry("agent", "plume").containsEntry("to", "mimir");
        assertThat(bubbles.get(1)).containsEntry("agent", "mimir").containsEntry("to", "plume");
        assertThat(bubbles.getLast()).containsEntry("agent", "plume").containsEntry("to", "user");
        for (int i = 0; i < stored.size(); i++) {
            assertThat(bubbles.get(i)).containsEntry("agent", stored.get(i).get("author").asText())
                    .containsEntry("repaired", false);
            assertThat(PageText.normalise((String) bubbles.get(i).get("text")))
                    .isEqualTo(PageText.normalise(stored.get(i).get("content").asText()));
        }
        assertThat(browser.findAll(".run .msg-answer")).hasSize(1);
        assertThat(browser.find(".run .msg[data-agent=mimir] .chip").getText()).as("Mimir's search, as a chip")
                .contains("search_knowledge").contains("✓");
        assertThat(browser.findAll(".run .msg[data-agent=mimir] a.note-link")).as("the note found, as a link").isNotEmpty();
        assertThat(browser.findAll(".run .msg-body h3")).as("Markdown is rendered").isNotEmpty();
        assertThat(browser.find("#stop").isDisplayed()).as("Stop is gone once the run ended").isFalse();
        assertThat(browser.find("#send").isEnabled()).isTrue();
        assertThat(browser.driver().getCurrentUrl()).as("the run left the URL once over")
                .contains("c=" + browser.conversationId()).doesNotContain("run=");

        browser.screenshot(Path.of("target", "screenshots", "discussion.png"));
    }

    @Test
    void agentTextIsSanitisedMarkdownNoScriptRuns() {
        browser.get(server.uri("/").toString());
        browser.find("#new-conversation").click();
        browser.find("#mode option[value=plume]").click();
        String payload = "Plume, reformule : <img src=x onerror=\"window.__xss=1\"> et <script>window.__xss=2</script> "
                + "puis [ce lien](javascript:window.__xss=3) et <b onclick=\"window.__xss=4\">ce texte</b>.";
        browser.find("#message").sendKeys(payload, Keys.ENTER);
        browser.await("the run to end", browser::runEnded);

        String stored = PageText.storedAgentMessages(server, browser.conversationId()).getFirst().get("content").asText();
        assertThat(stored).as("precondition: the agent's text carries the payload").contains("onerror").contains("javascript:");
        for (WebElement link : browser.findAll(".run a")) {
            link.click(); // a javascript: link that survived would run here
        }
        assertThat(browser.js("return window.__xss === undefined")).isEqualTo(true);
        assertThat(browser.findAll("#log img[onerror], #log script, #log [onclick], #log a[href^='javascript']")).isEmpty();
    }

    private void assertGrowsWhileTheRunGoesOn(String agent) {
        long first = browser.await(agent + "'s bubble to get text", () -> {
            long length = browser.textLength(agent, 0);
            return length > 0 ? length : null;
        });
        long later = browser.await(agent + "'s text to grow", () -> {
            long length = browser.textLength(agent, 0);
            return length > first ? length : null;
        });
        assertThat(later).isGreaterThan(first);
        assertThat(browser.find(".run .run-status").getText()).as("the status line says who works")
                .containsIgnoringCase(agent);
        assertThat(browser.runEnded()).as("%s's text grew before the run ended", agent).isFalse();
        assertThat(browser.findAll(".run .stats")).isEmpty();
    }

    private static String text(String css) {
        var found = browser.findAll(css);
        return found.isEmpty() ? null : found.getFirst().getText();
    }
}
