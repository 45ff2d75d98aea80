package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import scriptorium.llm.ChatModel;
import scriptorium.llm.ModelException;
import scriptorium.testing.TestServer;

/** Stopping a run from the page, and failures told in plain words in the conversation. */
class RunControlPageTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("OFFLINE_CHUNK_DELAY_MS", "40"));

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
    void stopCancelsTheRunAndTheBubbleSaysItWasStopped() {
        browser.get(server.uri("/").toString());
        browser.find("#mode option[value=discussion]").click();
        browser.find("#message").sendKeys("Parlons longuement de la documentation technique.", Keys.ENTER);
        browser.await("Plume's first words", () -> browser.textLength("plume", 0) > 10);
        String runId = (String) browser.js("return document.querySelector('#log .run').dataset.runId");

        browser.find("#stop").click();

        browser.await("the run to be shown stopped", () -> browser.js(
                "return document.querySelector('#log .run').dataset.cancelled === 'true'"));
        assertThat(browser.find(".run .stopped").getText()).startsWith("Stopped");
        assertThat(browser.bubbles().getLast().get("flag")).isEqualTo("Stopped.");
        assertThat(browser.findAll(".run .stats")).isEmpty();
        assertThat(PageText.json(server.get("/api/v1/runs/" + runId).body()).get("status").asText()).isEqualTo("cancelled");
        assertThat(browser.find("#stop").isDisplayed()).isFalse();
        assertThat(browser.find("#send").isEnabled()).as("ready for the next message").isTrue();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .as("the focus goes back to the message box, not to a hidden button").isEqualTo("message");
    }

    @Test
    void aFailedRunIsToldInPlainWordsWithAWayToRetry() {
        ChatModel overloaded = (request, sink) -> {
            throw new ModelException(ModelException.Kind.OVERLOADED, "the model is overloaded");
        };
        try (var failing = TestServer.start(Map.of(), overloaded)) {
            browser.get(failing.uri("/").toString());
            browser.find("#message").sendKeys("Plume, reformule : le cache évite de recalculer.", Keys.ENTER);
            String alert = browser.await("the error in the conversation", () -> {
                var boxes = browser.findAll(".run .error-box[role=alert]");
                return boxes.isEmpty() ? null : boxes.getFirst().getText();
            });
            assertThat(alert).contains("The run failed.").contains("The model is overloaded right now.")
                    .contains("You can try again.");
            assertThat(browser.find(".run .error-box button").getText()).isEqualTo("Try again");
            assertThat(browser.find("#send").isEnabled()).isTrue();
        }
    }

    @Test
    void aRefusedMessageIsExplainedBeforeAnyRun() {
        browser.get(server.uri("/").toString());
        // Typing 10001 characters takes long: set them, then send with Enter as a user would.
        browser.js("const box = document.getElementById('message'); box.removeAttribute('maxlength');"
                + " box.value = 'x'.repeat(10001);");
        browser.find("#message").sendKeys(Keys.END, Keys.ENTER);
        String problem = browser.await("the refusal in the conversation", () -> {
            var boxes = browser.findAll(".run .error-box");
            return boxes.isEmpty() ? null : boxes.getFirst().getText();
        });
        assertThat(problem).contains("message").contains("10000");
    }

    @Test
    void anUnreachableServerIsSaidPlainly() {
        browser.get(server.uri("/").toString());
        // The page stays loaded while every request to the server fails, as when the network is gone.
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        try {
            browser.find("#message").sendKeys("Plume, reformule : hors ligne.", Keys.ENTER);
            String problem = browser.await("the problem in the conversation", () -> {
                var boxes = browser.findAll(".run .error-box");
                return boxes.isEmpty() ? null : boxes.getFirst().getText();
            });
            assertThat(problem).contains("Can't reach the Scriptorium server");
        } finally {
            browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                    "offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        }
    }
}
