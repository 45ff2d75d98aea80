package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import scriptorium.testing.CuttableProxy;
import scriptorium.testing.TestServer;

/**
 * The page keeps a run's bubbles whole across a network drop and a reload: it resumes with
 * Last-Event-ID and shows every piece of text exactly once. The drop is real: the browser talks to the
 * server through a relay that the test cuts mid-run (no hook in the server).
 */
class ResumePageTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("OFFLINE_CHUNK_DELAY_MS", "40"));

    private CuttableProxy proxy;
    private Browser browser;

    @BeforeEach
    void start() throws IOException {
        proxy = new CuttableProxy(server.uri("/").getPort());
        browser = Browser.open();
    }

    @AfterEach
    void stop() throws IOException {
        browser.close();
        proxy.close();
    }

    @Test
    void aStreamCutMidRunResumesInTheSameBubblesWithNothingDoubled() {
        browser.get("http://127.0.0.1:" + proxy.port() + "/");
        sendDiscussion();
        browser.await("Plume's first words", () -> browser.textLength("plume", 0) > 40);
        WebElement firstBubble = browser.find(".run .msg[data-agent=plume] .msg-body");

        String before = firstBubble.getText();
        assertThat(browser.runEnded()).as("the cut happens mid-run").isFalse();
        assertThat(proxy.cutAll()).as("connections cut").isPositive();

        browser.await("the page to notice the drop", () -> browser.js(
                "return document.querySelector('#log .run').dataset.reconnects >= 1"));
        browser.await("the run to end after the resume", browser::runEnded);

        assertThat(browser.findAll(".run .stats")).as("the resumed run completes").hasSize(1);
        assertThat(PageText.normalise(firstBubble.getText())).as("the same bubble went on from where it was")
                .startsWith(PageText.normalise(before));
        assertSameAsStored();
        assertThat(browser.findAll(".run .error-box")).isEmpty();
    }

    @Test
    void aReloadDuringARunRejoinsItFromTheUrl() {
        browser.get(server.uri("/").toString());
        sendDiscussion();
        browser.await("Plume's first words", () -> browser.textLength("plume", 0) > 20);
        assertThat(browser.driver().getCurrentUrl()).contains("run=r-");
        assertThat(browser.runEnded()).isFalse();

        browser.driver().navigate().refresh();
        browser.await("the run to end after the reload", browser::runEnded);

        assertThat(browser.findAll("#log .run")).as("one run, not the stored copy plus the live one").hasSize(1);
        assertThat(browser.findAll("#log .msg-user")).hasSize(1);
        assertThat(browser.findAll(".run .stats")).hasSize(1);
        assertSameAsStored();
    }

    private void sendDiscussion() {
        browser.find("#mode option[value=discussion]").click();
        browser.find("#message").sendKeys("Plume et Mimir, discutez de la documentation technique.", Keys.ENTER);
    }

    /** Every bubble holds its stored message's text exactly once, in order, with no repair needed. */
    private void assertSameAsStored() {
        List<Map<String, Object>> bubbles = browser.bubbles();
        List<JsonNode> stored = PageText.storedAgentMessages(server, browser.conversationId());
        assertThat(bubbles).hasSameSizeAs(stored);
        for (int i = 0; i < stored.size(); i++) {
            assertThat(bubbles.get(i)).containsEntry("agent", stored.get(i).get("author").asText())
                    .containsEntry("messageId", stored.get(i).get("id").asText())
                    .containsEntry("repaired", false);
            assertThat(PageText.normalise((String) bubbles.get(i).get("text")))
                    .isEqualTo(PageText.normalise(stored.get(i).get("content").asText()));
        }
    }
}
