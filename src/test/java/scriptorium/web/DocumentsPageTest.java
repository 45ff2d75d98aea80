package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.capture.TestDocuments;
import scriptorium.config.TranscriptionSettings;
import scriptorium.testing.TestServer;

/** Documents picked in the page, each with its own progress and outcome; voice notes switched off say how to enable. */
class DocumentsPageTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    private static Browser browser;
    private static Path dir;

    @BeforeAll
    static void open() throws Exception {
        browser = Browser.open(1280, 900);
        dir = Files.createTempDirectory("scriptorium-docs");
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void eachFileShowsItsOwnOutcomeAndTheNotesAreCreated() throws Exception {
        Path md = write("semis.md", "---\ntitle: Semis de fèves\ntags: [jardin]\n---\nSemer en novembre.");
        Path txt = write("arrosage.txt", "Arroser le soir.");
        Path html = write("compost.html", "<title>Compost</title><h1>Compost</h1><p>Un tas aéré chauffe.</p>");
        Path pdf = dir.resolve("taille.pdf");
        Files.write(pdf, TestDocuments.pdf("Taille des rosiers", "Tailler en mars."));
        Path broken = write("broken.pdf", "%PDF-1.4 nothing here");
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[10 * 1024 * 1024 + 10]);
        browser.get(server.uri("/").toString());
        browser.find("#file-input").sendKeys(String.join("\n", md.toString(), txt.toString(), html.toString(),
                pdf.toString(), broken.toString(), big.toString()));
        browser.await("every file's outcome", () -> browser.findAll("#uploads li[data-state]").size() == 6);
        assertThat(state("semis.md")).isEqualTo("created");
        assertThat(state("arrosage.txt")).isEqualTo("created");
        assertThat(state("compost.html")).isEqualTo("created");
        assertThat(state("taille.pdf")).isEqualTo("created");
        assertThat(state("broken.pdf")).isEqualTo("failed");
        assertThat(text("broken.pdf")).contains("not a readable PDF");
        assertThat(state("big.txt")).isEqualTo("failed");
        assertThat(text("big.txt")).contains("10 MiB");
        assertThat(server.get("/api/v1/notes?limit=10").body()).contains("Semis de fèves", "Taille des rosiers",
                "Compost", "arrosage");

        // The same file again: a duplicate, said as such.
        browser.find("#file-input").sendKeys(md.toString());
        browser.await("the duplicate", () -> "duplicate".equals(state("semis.md")));
        assertThat(text("semis.md")).contains("already in the archive");

        // A created note opens from its row.
        browser.find("#uploads li[data-name='taille.pdf'] a.note-link").click();
        browser.await("the note opened", () -> browser.find("#note-view h3").getText().equals("Taille des rosiers"));
    }

    @Test
    void withoutTranscriptionTheRecordButtonSaysHowToEnableIt() {
        browser.get(server.uri("/").toString());
        browser.await("the record button to know", () -> "true".equals(browser.find("#record").getAttribute("aria-disabled")));
        browser.find("#record").click();
        assertThat(browser.find("#capture-status").getText()).isEqualTo(TranscriptionSettings.HOW_TO_ENABLE);
        assertThat(browser.find("#recorder").isDisplayed()).isFalse();
    }

    private static String state(String name) {
        var rows = browser.findAll("#uploads li[data-name='" + name + "']");
        return rows.isEmpty() ? null : rows.getFirst().getAttribute("data-state");
    }

    private static String text(String name) {
        return browser.find("#uploads li[data-name='" + name + "'] .upload-status").getText();
    }

    private static Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
