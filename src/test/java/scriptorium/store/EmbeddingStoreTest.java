package scriptorium.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scriptorium.config.Settings;
import scriptorium.testing.PostgresServer;

/** Migration V3 and the embeddings it holds, on H2 and on a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddingStoreTest {

    PostgresServer postgres;
    Database h2;
    Database postgresql;

    @BeforeAll
    void open(@TempDir Path dataDir) {
        postgres = PostgresServer.start();
        h2 = Database.open(Settings.from(Map.of("SCRIPTORIUM_DATA", dataDir.toString())).store());
        postgresql = Database.open(Settings.from(Map.of("SCRIPTORIUM_DATA", dataDir.toString(),
                "DATABASE_URL", postgres.url())).store());
    }

    @AfterAll
    void close() {
        try (var server = postgres; var file = h2) {
            postgresql.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aVectorIsKeptExactlyReplacedByTheNextAndDeletedWithItsNote(String database) {
        var source = (database.equals("h2") ? h2 : postgresql).dataSource();
        var notes = new NoteStore(source);
        var embeddings = new EmbeddingStore(source);
        Note note = note(database + "-1");
        notes.insert(List.of(note, note(database + "-2")), Change.by(Note.Source.USER, "created"));
        float[] first = {0.6f, -0.8f, Float.MIN_VALUE};
        float[] second = {1f, 0f, -0f};

        embeddings.save(List.of(new NoteVector(note.id(), 1, "model-a", first)));
        assertThat(embeddings.find(List.of(note.id(), database + "-2", "unknown"))).containsOnlyKeys(note.id());
        assertThat(embeddings.find(List.of(note.id())).get(note.id()).vector()).containsExactly(first);

        embeddings.save(List.of(new NoteVector(note.id(), 2, "model-b", second)));
        NoteVector kept = embeddings.find(List.of(note.id())).get(note.id());
        assertThat(kept.version()).isEqualTo(2);
        assertThat(kept.model()).isEqualTo("model-b");
        assertThat(kept.vector()).containsExactly(second);

        notes.delete(note.id());
        assertThat(embeddings.find(List.of(note.id()))).isEmpty();
        assertThatThrownBy(() -> embeddings.save(List.of(new NoteVector(note.id(), 1, "model-a", first))))
                .as("no vector for a note that is gone").isInstanceOf(StoreException.class);
    }

    private static Note note(String id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Note(id, UserStore.LOCAL_OWNER, "Titre " + id, "Contenu.", List.of("tag"), Note.Source.USER, "hash-" + id, 1, now, now);
    }
}
