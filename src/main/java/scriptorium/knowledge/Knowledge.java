package scriptorium.knowledge;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.NoteStore;

/**
 * The archive, wired: the notes in the database, the embedding model, the search index under
 * {@code dataDir/index}, and the service over them. App opens one at start and closes it at stop.
 */
public final class Knowledge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Knowledge.class);
    private final Embedder embedder;
    private final SearchIndex index;
    private final NoteService notes;
    private final IndexFeed feed;

    private Knowledge(Embedder embedder, SearchIndex index, NoteService notes, IndexFeed feed) {
        this.embedder = embedder;
        this.index = index;
        this.notes = notes;
        this.feed = feed;
    }

    /** Loads the embedding model and opens (or rebuilds) the index; blocks until search is up to date. */
    public static Knowledge open(Path dataDir, DataSource dataSource) {
        return open(dataDir, dataSource, null);
    }

    /**
     * {@link #open(Path, DataSource)}, then follows the notes' change feed every {@code follow}: search on this
     * instance sees the notes every other instance writes (issue 11). Null: the index follows only its own writes.
     */
    public static Knowledge open(Path dataDir, DataSource dataSource, Duration follow) {
        long started = System.nanoTime();
        var store = new NoteStore(dataSource);
        var embeddings = new EmbeddingStore(dataSource);
        Embedder embedder = new MiniLmEmbedder(dataDir.resolve("djl"));
        LuceneSearchIndex index;
        try {
            index = LuceneSearchIndex.open(dataDir.resolve("index"), embedder, store, embeddings);
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
        var feed = new IndexFeed(index, store);
        if (follow != null) {
            feed.follow(follow, Clock.systemUTC());
        }
        log.info("knowledge ready: {} notes searchable in {} ms", index.size(),
                (System.nanoTime() - started) / 1_000_000);
        var vectors = new NoteVectors(embedder, embeddings);
        return new Knowledge(embedder, index, new NoteService(store, index, vectors::fresh, Clock.systemUTC()), feed);
    }

    /** How far the search index is behind the notes table (changes, and the newest one's age in ms). */
    public IndexLag lag() {
        return feed.lag();
    }

    public NoteService notes() {
        return notes;
    }

    @Override
    public void close() {
        try (embedder) {
            feed.close();
            index.close();
        }
    }
}
