package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Issue 14 on the page: a note's history with its diffs, agent changes marked, undo, the trash, a run's changes. */
class HistoryPageTest {

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
    void aChangeIsShownAsADiffAndUndoneThenADeletedNoteComesBackFromTheTrash() {
        String id = PageText.json(server.post("/api/v1/notes", """
                {"title": "Levain", "content": "Nourrir le levain chaque jour.\\nFarine de seigle."}""").body())
                .get("id").asText();
        var put = server.send(HttpRequest.newBuilder(server.uri("/api/v1/notes/" + id))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"content\": \"Nourrir le levain une fois par semaine.\\nFarine de seigle.\", \"version\": 1}"))
                .build());
        assertThat(put.statusCode()).isEqualTo(200);

        browser.get(server.uri("/#note=" + id).toString());
        browser.await("the note", () -> id.equals(browser.find("#note-view").getAttribute("data-note-id")));
        clickButton("#note-view", "History");
        browser.await("two revisions", () -> browser.findAll("#note-view li.revision").size() == 2);
        WebElement latest = browser.find("#note-view li.revision[data-revision='2']");
        assertThat(latest.getText()).contains("Revision 2", "by you", "edited");
        clickButton("#note-view li.revision[data-revision='2']", "Show the changes");
        String diff = browser.await("the diff", () -> {
            var pre = browser.find("#note-view li.revision[data-revision='2'] pre.diff");
            return pre.isDisplayed() ? pre.getText() : null;
        });
        assertThat(diff).contains("-Nourrir le levain chaque jour.", "+Nourrir le levain une fois par semaine.");
        assertThat(browser.findAll("#note-view .diff-removed")).isNotEmpty();
        browser.screenshot(Path.of("target", "screenshots", "history.png"));

        clickButton("#note-view li.revision[data-revision='2']", "Undo this change");
        browser.await("the undo", () -> browser.find("#notes-message").getText().startsWith("Change undone"));
        assertThat(note(id).get("content").asText()).isEqualTo("Nourrir le levain chaque jour.\nFarine de seigle.");
        assertThat(note(id).get("version").asLong()).isEqualTo(3);

        clickButton("#note-view", "Delete");
        clickButton("#note-view", "Really delete?");
        browser.await("the deletion", () -> browser.find("#notes-message").getText().equals("Note moved to the trash."));
        browser.find("#open-trash").click();
        clickButton("#note-view li[data-note-id='" + id + "']", "Restore");
        browser.await("the restored note", () -> browser.find("#notes-message").getText()
                .equals("Note restored from the trash."));
        assertThat(note(id).get("version").asLong()).isEqualTo(4);
    }

    @Test
    void aNoteWrittenByPlumeIsLinkedToItsDiffUnderTheAnswerAndMarkedAsAnAgentChange() {
        browser.get(server.uri("/").toString());
        browser.find("#new-conversation").click();
        browser.find("#message").sendKeys("Plume, note que le pain de seigle lève lentement.", Keys.ENTER);
        browser.await("the answer", browser::runEnded);
        WebElement change = browser.await("the change link", () -> {
            var links = browser.findAll(".run .changes a.change-link");
            return links.isEmpty() ? null : links.getFirst();
        });
        assertThat(change.getText()).contains("created, revision 1");
        String id = change.getAttribute("data-note-id");
        change.click();
        WebElement revision = browser.await("the agent's revision with its diff open", () -> {
            var items = browser.findAll("#note-view li.revision.agent-change[data-revision='1']");
            return items.isEmpty() || !items.getFirst().findElement(org.openqa.selenium.By.cssSelector("pre.diff"))
                    .isDisplayed() ? null : items.getFirst();
        });
        assertThat(revision.getText()).contains("Plume (agent)", "in run r-");
        assertThat(revision.getText()).contains("+" + note(id).get("content").asText().lines().findFirst().orElseThrow());
    }

    private static JsonNode note(String id) {
        return PageText.json(server.get("/api/v1/notes/" + id).body());
    }

    private static void clickButton(String scope, String label) {
        browser.await("the button \"" + label + "\"", () -> browser.findAll(scope + " button").stream()
                .filter(b -> b.getText().equals(label)).findFirst().orElse(null)).click();
    }
}
