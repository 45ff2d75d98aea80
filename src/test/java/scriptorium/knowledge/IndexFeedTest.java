package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.config.Settings;
import scriptorium.config.VaultSettings;
import scriptorium.store.Change;
import scriptorium.store.Database;
import scriptorium.store.Note;
import scriptorium.store.UserStore;

/**
 * The notes' change feed (issue 11) with what came after it (owners, the trash): two archives on one database,
 * each with its own search index as two instances have; what one writes, trashes, restores or loses with its
 * owner, the other's index follows.
 */
class IndexFeedTest {

    private static final Duration FOLLOW = Duration.ofMillis(50);

    @TempDir
    Path dir;
    Database database;
    Knowledge writer;
    Knowledge follower;

    @BeforeEach
    void open() {
        database = Database.open(Settings.from(Map.of("SCRIPTORIUM_DATA", dir.resolve("data").toString())).store());
        writer = Knowledge.open(dir.resolve("a"), database.dataSource(), FOLLOW, new VaultSettings.Off());
        follower = Knowledge.open(dir.resolve("b"), database.dataSource(), FOLLOW, new VaultSettings.Off());
    }

    @AfterEach
    void close() {
        follower.close();
        writer.close();
        database.close();
    }

    @Test
    void theOtherIndexFollowsWritesTrashRestoreAndADeletedOwner() {
        NoteService written = writer.notes();
        Note note = written.create(new NoteDraft("Ruches", "Les abeilles hivernent en grappe serrée.", List.of()),
                Note.Source.USER);
        await(() -> hits(follower.notes(), "abeilles"), List.of(note.id()));

        written.update(note.id(), 1, new NotePatch(null, "Les bourdons butinent tôt le matin.", null));
        await(() -> hits(follower.notes(), "bourdons"), List.of(note.id()));
        assertThat(hits(follower.notes(), "abeilles")).isEmpty();

        written.delete(note.id()); // to the trash
        await(() -> hits(follower.notes(), "bourdons"), List.of());
        writer.history().untrash(note.id(), Change.by(Note.Source.USER, "restored"));
        await(() -> hits(follower.notes(), "bourdons"), List.of(note.id()));

        var users = new UserStore(database.dataSource());
        users.create("u-admin", "admin", "not-a-real-hash", "admin", Instant.now()); // claims the local owner's notes
        String alice = users.create("u-alice", "alice", "not-a-real-hash", "user", Instant.now());
        assertThat(alice).isEqualTo("u-alice");
        Note hers = writer.notes(alice).create(new NoteDraft("Cidre", "Presser les pommes en octobre.", List.of()),
                Note.Source.USER);
        await(() -> hits(follower.notes(alice), "pommes"), List.of(hers.id()));
        assertThat(hits(follower.notes(), "pommes")).as("another owner's note").isEmpty();

        users.delete(alice);
        await(() -> hits(follower.notes(alice), "pommes"), List.of()); // by the tombstones the cascade left
    }

    private static List<String> hits(NoteService notes, String query) {
        return notes.search(query, 10).stream().map(SearchHit::noteId).toList();
    }

    private static void await(Supplier<List<String>> actual, List<String> expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!actual.get().equals(expected) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(actual.get()).isEqualTo(expected);
    }
}
