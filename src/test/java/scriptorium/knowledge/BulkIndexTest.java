package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.Note;
import scriptorium.store.TrashStore;
import scriptorium.store.UserStore;

/** An import's bulk load: searchable when it closes, never indexed twice, nothing lost if it never commits. */
class BulkIndexTest {

    @TempDir
    Path dataDir;
    Archive archive;
    CountingEmbedder embedder;

    @BeforeEach
    void open() {
        archive = Archive.open(dataDir);     // the database; its own index is not used here
        archive.knowledge.close();
        embedder = new CountingEmbedder(StaticEmbedder.fromClassPath());
    }

    @AfterEach
    void close() {
        archive.close();
    }

    @Test
    void aBulksNotesAreSearchableOnceItClosesAndTheFeedDoesNotIndexThemAgain() {
        try (var index = open("index")) {
            List<Note> stored = service(index).store(List.of(new NoteDraft("Ruches", "Les abeilles hivernent.", List.of())),
                    List.of(NoteRules.hash("Les abeilles hivernent.")), Note.Source.IMPORT);
            try (var bulk = index.bulk()) {
                bulk.put(stored);
                assertThat(index.size()).as("not searchable before the bulk closes").isZero();
                assertThat(new IndexFeed(index, archive.store()).catchUp()).as("indexed again by the feed").isZero();
            }
            assertThat(embedder.texts).hasValue(1);
            assertThat(index.search(UserStore.LOCAL_OWNER, "abeilles", 5)).extracting(SearchHit::noteId)
                    .containsExactly(stored.getFirst().id());
        }
    }

    @Test
    void notesABulkHeldWhenTheProcessStoppedAreIndexedAtTheNextOpen() {
        var index = open("index");
        List<Note> stored = service(index).store(List.of(new NoteDraft("Cidre", "Presser les pommes.", List.of())),
                List.of(NoteRules.hash("Presser les pommes.")), Note.Source.IMPORT);
        index.bulk().put(stored);    // never closed, never committed: as if the process had been killed
        try (var copy = copyOf(index)) {
            assertThat(copy.search(UserStore.LOCAL_OWNER, "pommes", 5)).extracting(SearchHit::noteId)
                    .containsExactly(stored.getFirst().id());
        } finally {
            index.close();
        }
    }

    /** A second index over what {@code index} committed: its folder as a crash would leave it. */
    private LuceneSearchIndex copyOf(LuceneSearchIndex index) {
        Path copy = dataDir.resolve("copy");
        try (var files = java.nio.file.Files.list(dataDir.resolve("index"))) {
            java.nio.file.Files.createDirectories(copy);
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
                java.nio.file.Files.copy(file, copy.resolve(file.getFileName()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return open("copy");
    }

    private LuceneSearchIndex open(String folder) {
        return LuceneSearchIndex.open(dataDir.resolve(folder), embedder, archive.store(),
                new EmbeddingStore(archive.database.dataSource()));
    }

    private NoteService service(LuceneSearchIndex index) {
        return new NoteService(archive.store(), new TrashStore(archive.database.dataSource()), index,
                Clock.systemUTC(), UserStore.LOCAL_OWNER);
    }
}
