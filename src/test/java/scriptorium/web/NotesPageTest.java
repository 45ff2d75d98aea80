package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import scriptorium.testing.TestServer;

/** The notes panel against the real notes API, and a note found through Mimir in the chat. */
class NotesPageTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    private static Browser browser;

    @BeforeAll
    static void open() {
        browser = Browser.open(1280, 900);
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void aNoteCreatedInThePanelIsFoundByMimirEditedWithAConflictShownThenDeleted() {
        browser.get(server.uri("/").toString());
        browser.find("#toggle-notes").click();
        assertThat(browser.find("#notes").isDisplayed()).isTrue();

        // Create.
        browser.find("#new-note").click();
        browser.find("#note-view input[name=title]").sendKeys("Jardin de pluie");
        browser.find("#note-view input[name=tags]").sendKeys("jardin, eau");
        browser.find("#note-view textarea[name=content]").sendKeys(
                "Un **jardin de pluie** recueille l'eau des toits et la laisse s'infiltrer lentement dans le sol.");
        browser.find("#note-view button[type=submit]").click();
        browser.await("the created note", () -> browser.find("#notes-message").getText().equals("Note created."));
        assertThat(browser.find("#note-view h3").getText()).isEqualTo("Jardin de pluie");
        assertThat(browser.find("#note-view .msg-body strong").getText()).isEqualTo("jardin de pluie");
        String id = browser.find("#note-view").getAttribute("data-note-id");
        assertThat(note(id).get("tags")).extracting(JsonNode::asText).containsExactly("jardin", "eau");

        // Search in the panel.
        browser.find("#note-query").sendKeys("infiltrer", Keys.ENTER);
        browser.await("the search to answer", () -> browser.find("#notes-message").getText().matches("\\d+ results?"));
        WebElement hit = browser.await("a search result", () -> {
            var hits = browser.findAll("#note-results button[data-note-id='" + id + "']");
            return hits.isEmpty() ? null : hits.getFirst();
        });
        assertThat(hit.getText()).contains("Jardin de pluie");
        assertThat(browser.findAll("#note-results mark")).as("the matched word is highlighted").isNotEmpty();

        // Found through Mimir in the chat; the note id in the answer opens the note.
        browser.find("#note-view").getText();
        browser.find("#message").sendKeys("Mimir, trouve mes notes sur le jardin de pluie", Keys.ENTER);
        browser.await("Mimir's answer", browser::runEnded);
        var answer = browser.bubbles().getLast();
        assertThat(answer).containsEntry("agent", "mimir");
        assertThat((String) answer.get("text")).contains("Jardin de pluie");
        browser.find("#log .msg[data-agent=mimir] a.note-link[data-note-id='" + id + "']").click();
        browser.await("the note opened from the answer", () -> id.equals(browser.find("#note-view").getAttribute("data-note-id"))
                && browser.find("#note-view h3").getText().equals("Jardin de pluie"));
        browser.screenshot(Path.of("target", "screenshots", "notes.png"));

        // Edit; someone else saves meanwhile: the conflict is shown, nothing is lost, then overwritten on purpose.
        clickButton("#note-view", "Edit");
        WebElement content = browser.find("#note-view textarea[name=content]");
        content.sendKeys(Keys.END, " Mon ajout.");
        long version = note(id).get("version").asLong();
        var put = server.send(HttpRequest.newBuilder(URI.create(server.uri("/api/v1/notes/" + id).toString()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"content\": \"Leur version.\", \"version\": " + version + "}"))
                .build());
        assertThat(put.statusCode()).isEqualTo(200);
        browser.find("#note-view button[type=submit]").click();
        String conflict = browser.await("the conflict", () -> {
            var boxes = browser.findAll("#note-view .conflict[data-kind=conflict]");
            return boxes.isEmpty() || !boxes.getFirst().isDisplayed() ? null : boxes.getFirst().getText();
        });
        assertThat(conflict).contains("changed elsewhere").contains("version " + (version + 1)).contains("Leur version.");
        assertThat(content.getAttribute("value")).as("the user's text is kept").endsWith("Mon ajout.");
        assertThat(note(id).get("content").asText()).as("nothing overwritten").isEqualTo("Leur version.");
        clickButton("#note-view .conflict", "Overwrite with my version");
        browser.await("the saved note", () -> browser.find("#notes-message").getText().equals("Note saved."));
        assertThat(note(id).get("content").asText()).endsWith("Mon ajout.");
        assertThat(browser.find("#note-view .note-meta").getText()).contains("version " + (version + 2));

        // Delete (two clicks).
        clickButton("#note-view", "Delete");
        assertThat(server.get("/api/v1/notes/" + id).statusCode()).isEqualTo(200);
        clickButton("#note-view", "Really delete?");
        browser.await("the deletion", () -> browser.find("#notes-message").getText().equals("Note moved to the trash."));
        assertThat(server.get("/api/v1/notes/" + id).statusCode()).isEqualTo(404);

        // Escape closes the panel and gives the focus back to its button.
        browser.find("#note-query").sendKeys(Keys.ESCAPE);
        assertThat(browser.find("#notes").isDisplayed()).isFalse();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("toggle-notes");
    }

    @Test
    void aNoteWrittenByPlumeIsLinkedUnderTheAnswerByItsTitle() {
        browser.get(server.uri("/").toString());
        browser.find("#new-conversation").click();
        browser.find("#message").sendKeys("Plume, note que la tisane de thym apaise la gorge.", Keys.ENTER);
        browser.await("the answer", browser::runEnded);
        assertThat(browser.find(".run .chip").getText()).contains("create_note");
        WebElement link = browser.await("the note's title under the answer", () -> {
            var links = browser.findAll(".run .stats a.note-link");
            return links.isEmpty() || links.getFirst().getText().startsWith("note ") ? null : links.getFirst();
        });
        String id = link.getAttribute("data-note-id");
        assertThat(link.getText()).isEqualTo(note(id).get("title").asText());
        link.click();
        browser.await("the note in the panel", () -> id.equals(browser.find("#note-view").getAttribute("data-note-id")));
        assertThat(browser.find("#note-view").getText()).contains("thym");
    }

    @Test
    void aNoteShowsItsBacklinksAndLinksUnderItAndEachOpensItsNote() {
        String pluie = PageText.json(server.post("/api/v1/notes", """
                {"title": "Pluie d'orage", "content": "Une averse brève et violente. Voir [[Citerne]]."}""").body())
                .get("id").asText();
        String citerne = PageText.json(server.post("/api/v1/notes", """
                {"title": "Citerne", "content": "Elle garde l'eau de la [[pluie d'orage|pluie]] pour l'été."}""").body())
                .get("id").asText();
        browser.get(server.uri("/").toString());
        browser.find("#toggle-notes").click();
        browser.find("#note-query").sendKeys("averse", Keys.ENTER);
        browser.click("the search result", "#note-results button[data-note-id='" + pluie + "']");
        browser.await("the backlink", () -> browser.findAll(
                "#note-view .note-links button[data-note-id='" + citerne + "']").stream().findFirst().orElse(null));
        assertThat(browser.find("#note-view .note-links").getText()).contains("Backlinks", "Links to", "Citerne");
        browser.click("the backlink", "#note-view .note-links button[data-note-id='" + citerne + "']");
        browser.await("the linking note opened", () -> citerne.equals(browser.find("#note-view").getAttribute("data-note-id")));
        browser.await("its link back", () -> browser.findAll("#note-view .note-links button[data-note-id='" + pluie + "']")
                .stream().findFirst().orElse(null));
    }

    private static JsonNode note(String id) {
        return PageText.json(server.get("/api/v1/notes/" + id).body());
    }

    private static void clickButton(String scope, String label) {
        browser.await("the button \"" + label + "\"", () -> browser.findAll(scope + " button").stream()
                .filter(b -> b.getText().equals(label)).findFirst().orElse(null)).click();
    }
}
