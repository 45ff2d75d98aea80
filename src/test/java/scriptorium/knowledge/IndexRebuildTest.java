package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import scriptorium.store.UserStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.Change;
import scriptorium.store.Note;
import scriptorium.store.TrashStore;
import scriptorium.store.NoteVector;

class IndexRebuildTest {

    private static final Change EDIT = Change.by(Note.Source.USER, "edited elsewhere");

    @TempDir
    Path dataDir;
    Archive archive;

    @AfterEach
    void close() {
        archive.close();
    }

    @Test
    void aDeletedIndexFolderIsRebuiltFromTheDatabase() throws IOException {
        archive = Archive.open(dataDir);
        Note note = archive.notes().create(new NoteDraft("Astronomie", "Observer Saturne et ses anneaux.", List.of()),
                Note.Source.USER);
        archive.close();
        deleteRecursively(dataDir.resolve("index"));

        archive = Archive.open(dataDir);
        assertThat(archive.notes().search("anneaux de Saturne", 5)).extracting(SearchHit::noteId)
                .containsExactly(note.id());
    }

    @Test
    void aRebuiltIndexTakesTheVectorsTheDatabaseKeptAndEmbedsOnlyTheNotesChangedSince() throws IOException {
        archive = Archive.open(dataDir);     // the database; its own index is not used here
        archive.knowledge.close();
        var store = archive.store();
        var embeddings = new EmbeddingStore(archive.database.dataSource());
        var embedder = new CountingEmbedder(new MiniLmEmbedder(dataDir.resolve("djl")));
        Path folder = dataDir.resolve("other-index");
        List<Note> created;
        try (var index = LuceneSearchIndex.open(folder, embedder, store, embeddings)) {
            created = new NoteService(store, new TrashStore(archive.database.dataSource()), index, Clock.systemUTC(),
                    UserStore.LOCAL_OWNER).createAll(List.of(
                    new NoteDraft("Astronomie", "Observer Saturne et ses anneaux.", List.of()),
                    new NoteDraft("Jardin", "Semer les radis en mars.", List.of()),
                    new NoteDraft("Cuisine", "Une tarte aux pommes.", List.of())), Note.Source.USER);
        }
        assertThat(embedder.texts).hasValue(3);
        Note pie = created.get(2);
        store.update(pie, new Note(pie.id(), UserStore.LOCAL_OWNER, pie.title(), "Une tarte aux abricots.", List.of(),
                Note.Source.USER, NoteRules.hash("y"), 2, pie.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS)),
                EDIT);
        deleteRecursively(folder);

        try (var index = LuceneSearchIndex.open(folder, embedder, store, embeddings)) {
            assertThat(embedder.texts).as("only the updated note is embedded again").hasValue(4);
            assertThat(index.search(UserStore.LOCAL_OWNER, "anneaux de Saturne", 5)).extracting(SearchHit::noteId).first()
                    .isEqualTo(created.get(0).id());
            assertThat(index.search(UserStore.LOCAL_OWNER, "abricots", 5)).extracting(SearchHit::noteId).containsExactly(pie.id());
        } finally {
            embedder.close();
        }
    }

    @Test
    void vectorsKeptForAnotherModelAreNeverReadAndTheStaticEmbeddingKeepsNone() throws IOException {
        archive = Archive.open(dataDir);
        archive.knowledge.close();
        var store = archive.store();
        var embeddings = new EmbeddingStore(archive.database.dataSource());
        var miniLm = new CountingEmbedder(new MiniLmEmbedder(dataDir.resolve("djl")));
        List<Note> created;
        try (var index = LuceneSearchIndex.open(dataDir.resolve("minilm-index"), miniLm, store, embeddings)) {
            created = new NoteService(store, new TrashStore(archive.database.dataSource()), index, Clock.systemUTC(),
                    UserStore.LOCAL_OWNER).createAll(List.of(
                    new NoteDraft("Astronomie", "Observer Saturne et ses anneaux.", List.of()),
                    new NoteDraft("Jardin", "Semer les radis en mars.", List.of())), Note.Source.USER);
        } finally {
            miniLm.close();
        }
        List<String> ids = created.stream().map(Note::id).toList();
        assertThat(embeddings.find(ids)).hasSize(2);

        var renamed = new CountingEmbedder(new ForwardingEmbedder(new MiniLmEmbedder(dataDir.resolve("djl"))) {
            @Override
            public String modelId() {
                return "another-model";
            }
        });
        try (var index = LuceneSearchIndex.open(dataDir.resolve("other-index"), renamed, store, embeddings)) {
            assertThat(renamed.texts).as("kept vectors of another model are stale").hasValue(2);
            assertThat(index.size()).isEqualTo(2);
        } finally {
            renamed.close();
        }

        var statics = new CountingEmbedder(StaticEmbedder.fromClassPath());
        try (var index = LuceneSearchIndex.open(dataDir.resolve("static-index"), statics, store, embeddings)) {
            assertThat(statics.texts).hasValue(2);
            assertThat(index.search(UserStore.LOCAL_OWNER, "anneaux de Saturne", 5)).extracting(SearchHit::noteId).first()
                    .isEqualTo(created.getFirst().id());
        }
        assertThat(embeddings.find(ids).values()).extracting(NoteVector::model)
                .as("the static embedding computes faster than the database reads: nothing of its own kept")
                .doesNotContain(NoteDocuments.recipe(StaticEmbedder.fromClassPath()));
    }

    @Test
    void notesWrittenWhileTheIndexWasAwayAreFoundAfterARestart() {
        archive = Archive.open(dataDir);
        Note kept = archive.notes().create(new NoteDraft("Recette", "Une tarte aux pommes.", List.of()),
                Note.Source.USER);
        Note gone = archive.notes().create(new NoteDraft("Ancienne", "Une tarte aux poires.", List.of()),
                Note.Source.USER);
        archive.close();

        // Another instance writes straight to the shared database while this one is down.
        archive = Archive.open(dataDir);
        archive.knowledge.close();
        var store = archive.store();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var added = new Note("n-away", UserStore.LOCAL_OWNER, "Voyage", "Un voyage en Islande, ses volcans et ses glaciers.", List.of("voyage"),
                Note.Source.USER, NoteRules.hash("x"), 1, now, now);
        store.insert(List.of(added), EDIT);
        store.update(kept, new Note(kept.id(), UserStore.LOCAL_OWNER, kept.title(), "Une tarte aux abricots.", List.of(),
                Note.Source.USER, NoteRules.hash("y"), 2, kept.createdAt(), now), EDIT);
        store.delete(gone.id());
        archive.database.close();

        archive = Archive.open(dataDir);
        NoteService notes = archive.notes();
        assertThat(notes.search("volcans Islande", 5)).extracting(SearchHit::noteId).containsExactly("n-away");
        assertThat(notes.search("abricots", 5)).extracting(SearchHit::noteId).containsExactly(kept.id());
        assertThat(notes.search("poires", 5)).isEmpty();
    }

    @Test
    void aPlainRestartStillFindsTheNotes() {
        archive = Archive.open(dataDir);
        archive.notes().create(new NoteDraft("Musique", "Jouer du piano le matin.", List.of()), Note.Source.USER);
        archive = archive.reopen();
        assertThat(archive.knowledge.notes().search("piano", 5)).hasSize(1);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
