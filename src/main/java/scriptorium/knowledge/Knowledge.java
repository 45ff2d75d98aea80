package scriptorium.knowledge;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.NoteStore;
import scriptorium.store.UserStore;
import scriptorium.store.RevisionStore;
import scriptorium.store.TrashStore;

/**
 * The archive, wired: the notes in the database, the embedding model, the search index under
 * {@code dataDir/index}, and the service over them. App opens one at start and closes it at stop.
 */
public final class Knowledge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Knowledge.class);
    /** How often the trash is purged of what it held past its retention (issue 14). */
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Embedder embedder;
    private final SearchIndex index;
    private final NoteService notes;
    private final NoteHistory history;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("trash-purge").factory());

    private Knowledge(Embedder embedder, SearchIndex index, NoteService notes, NoteHistory history) {
        this.embedder = embedder;
        this.index = index;
        this.notes = notes;
        this.history = history;
        purger.scheduleWithFixedDelay(this::purge, 1, PURGE_EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    private void purge() {
        try {
            int purged = history.purge();
            if (purged > 0) {
                log.info("trash: {} note(s) deleted over {} days ago purged", purged, NoteHistory.TRASH_RETENTION.toDays());
            }
        } catch (RuntimeException e) { // the timer must survive a database outage: the next round tries again
            log.warn("trash purge failed: {}", e.toString());
        }
    }

    /** Loads the embedding model and opens (or rebuilds) the index; blocks until search is up to date. */
    public static Knowledge open(Path dataDir, DataSource dataSource) {
        long started = System.nanoTime();
        var store = new NoteStore(dataSource);
        Embedder embedder = new LoadingEmbedder(); // the table loads while the index opens and the server starts
        SearchIndex index;
        try {
            index = LuceneSearchIndex.open(dataDir.resolve("index"), embedder, store, new EmbeddingStore(dataSource));
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
        log.info("knowledge ready: {} notes searchable in {} ms", index.size(),
                (System.nanoTime() - started) / 1_000_000);
        var trash = new TrashStore(dataSource);
        var notes = new NoteService(store, trash, index, Clock.systemUTC(), UserStore.LOCAL_OWNER);
        return new Knowledge(embedder, index, notes, new NoteHistory(notes, new RevisionStore(dataSource), trash));
    }

    /** The local owner's archive: local mode, and data written before accounts existed. */
    public NoteService notes() {
        return notes;
    }

    /** {@code owner}'s archive. */
    public NoteService notes(String owner) {
        return notes.forOwner(owner);
    }

    public NoteHistory history() {
        return history;
    }

    @Override
    public void close() {
        purger.shutdownNow();
        try (embedder) {
            index.close();
        }
    }
}
