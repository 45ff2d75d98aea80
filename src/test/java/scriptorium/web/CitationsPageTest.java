package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.FakeProviderServer;
import scriptorium.llm.fake.Scripted;
import scriptorium.testing.TestServer;

/** Mimir's citations on the page: a verified quotation is marked, an invented one is flagged with a warning. */
class CitationsPageTest {

    private final FakeAnthropicServer fake = FakeAnthropicServer.start();
    private final TestServer server = TestServer.start(Map.of("ANTHROPIC_API_KEY", FakeProviderServer.KEY,
            "ANTHROPIC_BASE_URL", fake.baseUrl(), "MODEL_RETRY_BASE_MS", "10"));
    private final Browser browser = Browser.open(1280, 900);

    @AfterEach
    void close() {
        browser.close();
        server.close();
        fake.close();
    }

    @Test
    void aTrueQuotationIsMarkedVerifiedAndAnInventedOneCarriesAWarningBadge() {
        var created = PageText.json(server.post("/api/v1/notes", """
                {"title": "Jardin de pluie", "content": "Un jardin de pluie recueille l'eau des toits et la laisse \
                s'infiltrer lentement dans le sol."}""").body());
        String id = created.get("id").asText();
        fake.enqueue(Scripted.Reply.tool("toolu_1", "search_knowledge", "{\"query\":\"jardin de pluie\"}"),
                Scripted.Reply.text("Selon **Jardin de pluie** : [note:" + id + " \"recueille l'eau des toits\"]. ",
                        "Et aussi [note:" + id + " \"il faut l'arroser *chaque* jour\"]."));

        browser.get(server.uri("/").toString());
        browser.find("#message").sendKeys("Mimir, que disent mes notes du jardin de pluie ?", Keys.ENTER);
        browser.await("Mimir's answer", browser::runEnded);
        browser.await("both citations checked", () -> browser.findAll(".msg[data-agent=mimir] .cite[data-state=unchecked]")
                .isEmpty());

        List<WebElement> verified = browser.findAll(".msg[data-agent=mimir] .cite[data-state=verified]");
        List<WebElement> unverified = browser.findAll(".msg[data-agent=mimir] .cite[data-state=unverified]");
        assertThat(verified).hasSize(1);
        assertThat(verified.getFirst().findElement(org.openqa.selenium.By.cssSelector("q")).getText())
                .isEqualTo("recueille l'eau des toits");
        assertThat(verified.getFirst().getText()).contains("✓").doesNotContain("unverified");
        assertThat(unverified).hasSize(1);
        assertThat(unverified.getFirst().getText()).contains("il faut l'arroser *chaque* jour")
                .contains("⚠ unverified: not found in the note");
        assertThat(unverified.getFirst().getAttribute("data-reason")).isEqualTo("quote_not_found");
        assertThat(browser.findAll(".msg[data-agent=mimir] .cite a.note-link[data-note-id='" + id + "']")).hasSize(2);
        assertThat(browser.find(".run .stats").getText()).contains("2 citations: 1 verified, ⚠ 1 unverified");
        browser.screenshot(Path.of("target", "screenshots", "citations.png"));

        // Opened again, the conversation shows the same verdicts: they are stored with the message.
        String conversation = browser.conversationId();
        browser.get(server.uri("/?c=" + conversation).toString());
        browser.await("the stored answer", () -> browser.findAll(".msg[data-agent=mimir] .cite").size() == 2);
        assertThat(browser.findAll(".msg[data-agent=mimir] .cite[data-state=verified] q"))
                .extracting(WebElement::getText).containsExactly("recueille l'eau des toits");
        assertThat(browser.findAll(".msg[data-agent=mimir] .cite[data-state=unverified]"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getAttribute("data-reason")).isEqualTo("quote_not_found");
                    assertThat(e.getText()).contains("⚠ unverified: not found in the note");
                });
    }
}
