package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import scriptorium.store.UserStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.store.Note;

class ImportExportTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path vault;
    Archive archive;

    @BeforeEach
    void open() {
        archive = Archive.open(dataDir);
    }

    @AfterEach
    void close() {
        archive.close();
    }

    @Test
    void aFolderImportsWithFrontMatterSkipsTheDuplicateAndReportsTheBrokenFile() throws IOException {
        write("recettes/crepes.md", """
                ---
                title: "Crêpes de la Chandeleur"
                tags: [cuisine, "dessert"]
                date: 2024-02-02
                ---
                Mélanger la farine, les œufs et le lait. Laisser reposer une heure.
                """);
        write("jardin.md", """
                ---
                tags:
                  - jardin
                  - "#printemps"
                ---
                # Semis de printemps

                Semer les radis en mars.
                """);
        write("notes/idees.txt", "Écrire un livre sur les phares bretons.");
        write("zz-copie/crepes-bis.md", "Mélanger la farine, les œufs et le lait. Laisser reposer une heure.\n");
        Files.write(vault.resolve("casse.md"), new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        write(".obsidian/workspace.md", "not a note");
        write("image.png", "not text either");
        List<Integer> progress = new ArrayList<>();

        ImportReport report = new Importer(archive.notes()).run(vault, (done, total) -> progress.add(done));

        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.file().getFileName().toString()).isEqualTo("casse.md");
            assertThat(failure.reason()).isEqualTo("not valid UTF-8 text");
        });
        assertThat(progress).containsExactly(1, 2, 3, 4, 5);
        Note crepes = archive.notes().list("cuisine", 10, 0).notes().getFirst();
        assertThat(crepes.title()).isEqualTo("Crêpes de la Chandeleur");
        assertThat(crepes.tags()).containsExactly("cuisine", "dessert");
        assertThat(crepes.source()).isEqualTo(Note.Source.IMPORT);
        assertThat(crepes.content()).startsWith("Mélanger la farine");
        Note garden = archive.notes().list("jardin", 10, 0).notes().getFirst();
        assertThat(garden.title()).isEqualTo("Semis de printemps");
        assertThat(garden.tags()).containsExactly("jardin", "printemps");
        assertThat(archive.notes().search("phare", 5)).extracting(SearchHit::title).containsExactly("idees");
    }

    @Test
    void importingTheSameFolderTwiceAddsNothing() throws IOException {
        write("a.md", "# Alpha\n\nPremière note.");
        write("b.md", "# Beta\n\nSeconde note.");
        var importer = new Importer(archive.notes());
        assertThat(importer.run(vault, (done, total) -> { }).imported()).isEqualTo(2);

        ImportReport again = importer.run(vault, (done, total) -> { });
        assertThat(again.imported()).isZero();
        assertThat(again.skipped()).isEqualTo(2);
        assertThat(archive.notes().count()).isEqualTo(2);
    }

    @Test
    void exportedNotesImportBackUnchanged(@TempDir Path exported, @TempDir Path otherData) throws IOException {
        archive.notes().create(new NoteDraft("L'été \"chaud\"", "Il a fait 40 °C.\n\n- eau\n- ombre",
                List.of("météo", "été")), Note.Source.USER);
        archive.notes().create(new NoteDraft("Second", "Rien à signaler.", List.of()), Note.Source.PLUME);

        assertThat(new Exporter(archive.store(), UserStore.LOCAL_OWNER).run(exported)).isEqualTo(2);
        assertThat(exported.resolve("l-ete-chaud.md")).exists();

        try (Archive other = Archive.open(otherData)) {
            ImportReport report = new Importer(other.notes()).run(exported, (done, total) -> { });
            assertThat(report.imported()).isEqualTo(2);
            Note summer = other.notes().list("météo", 10, 0).notes().getFirst();
            assertThat(summer.title()).isEqualTo("L'été \"chaud\"");
            assertThat(summer.tags()).containsExactly("météo", "été");
            assertThat(summer.content()).isEqualTo("Il a fait 40 °C.\n\n- eau\n- ombre");
        }
    }

    private void write(String relative, String text) throws IOException {
        Path file = vault.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
