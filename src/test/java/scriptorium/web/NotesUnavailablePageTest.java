package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/** Until the server has the notes API (issue 3), the notes panel says so plainly instead of breaking. */
class NotesUnavailablePageTest {

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
    void theNotesPanelSaysNotesAreNotAvailable() {
        assertThat(server.get("/api/v1/notes").statusCode()).as("precondition: no notes API").isEqualTo(404);
        browser.get(server.uri("/").toString());
        browser.find("#toggle-notes").click();
        String message = browser.await("the panel's message", () -> {
            String text = browser.find("#notes-message").getText();
            return text.isEmpty() || text.equals("Searching…") ? null : text;
        });
        assertThat(message).isEqualTo("Notes are not available on this server (it has no notes API).");
        assertThat(browser.find("#notes-message").getAttribute("class")).contains("error");
    }
}
