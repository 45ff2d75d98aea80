package scriptorium.knowledge;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.NoteStore;
import scriptorium.store.UserStore;

/**
 * The archive, wired: the notes in the database, the embedding model, the search index under
 * {@code dataDir/index}, and the service over them. App opens one at start and closes it at stop.
 */
public final class Knowledge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Knowledge.class);
    private final Embedder embedder;
    private final SearchIndex index;
    private final NoteService notes;

    private Knowledge(Embedder embedder, SearchIndex index, NoteService notes) {
        this.embedder = embedder;
        this.index = index;
        this.notes = notes;
    }

    /** Loads the embedding model and opens (or rebuilds) the index; blocks until search is up to date. */
    public static Knowledge open(Path dataDir, DataSource dataSource) {
        long started = System.nanoTime();
        var store = new NoteStore(dataSource);
        Embedder embedder = new MiniLmEmbedder(dataDir.resolve("djl"));
        SearchIndex index;
        try {
            index = LuceneSearchIndex.open(dataDir.resolve("index"), embedder, store, new EmbeddingStore(dataSource));
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
        log.info("knowledge ready: {} notes searchable in {} ms", index.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new Knowledge(embedder, index, new NoteService(store, index, Clock.systemUTC(), UserStore.LOCAL_OWNER));
    }

    /** The local owner's archive: local mode, and data written before accounts existed. */
    public NoteService notes() {
        return notes;
    }

    /** {@code owner}'s archive. */
    public NoteService notes(String owner) {
        return notes.forOwner(owner);
    }

    @Override
    public void close() {
        try (embedder) {
            index.close();
        }
    }
}
