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
import scriptorium.config.VaultSettings;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.NoteStore;
import scriptorium.store.UserStore;
import scriptorium.store.RevisionStore;
import scriptorium.store.TrashStore;
import scriptorium.store.VaultStore;

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
    private final IndexFeed feed;
    /** The live vault, or null when none is configured. */
    private final Vault vault;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("trash-purge").factory());

    private Knowledge(Embedder embedder, SearchIndex index, NoteService notes, NoteHistory history, IndexFeed feed,
                      Vault vault) {
        this.embedder = embedder;
        this.index = index;
        this.notes = notes;
        this.history = history;
        this.feed = feed;
        this.vault = vault;
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
        return open(dataDir, dataSource, null, new VaultSettings.Off());
    }

    /**
     * {@link #open(Path, DataSource)}, then follows the notes' change feed every {@code follow}: search on this
     * instance sees the notes every other instance writes (issue 11; null: the index follows only its own writes).
     * With a live vault, kept in the archive of the server's owner (the local user, who is the first admin in
     * accounts mode); {@link #startVault} starts syncing it.
     */
    public static Knowledge open(Path dataDir, DataSource dataSource, Duration follow, VaultSettings vaultSettings) {
        long started = System.nanoTime();
        var store = new NoteStore(dataSource);
        Embedder embedder = new LoadingEmbedder(); // the table loads while the index opens and the server starts
        var embeddings = new EmbeddingStore(dataSource);
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
        var trash = new TrashStore(dataSource);
        var vaultFiles = new VaultStore(dataSource);
        NoteFiles files = switch (vaultSettings) {
            case VaultSettings.Off off -> NoteFiles.NONE;
            case VaultSettings.Folder folder -> new VaultFiles(folder.folder(), vaultFiles);
        };
        var notes = new NoteService(store, trash, index, Clock.systemUTC(), UserStore.LOCAL_OWNER, files);
        int linked = notes.linkUnlinked();
        if (linked > 0) {
            log.info("links: {} notes written before links were kept now have theirs", linked);
        }
        Vault vault = switch (vaultSettings) {
            case VaultSettings.Off off -> null;
            case VaultSettings.Folder folder -> new Vault(folder.folder(), folder.quiet(), notes, vaultFiles);
        };
        return new Knowledge(embedder, index, notes, new NoteHistory(notes, new RevisionStore(dataSource), trash), feed,
                vault);
    }

    /** Starts syncing the vault (if any) on its own thread: returns at once, the server never waits for it. */
    public void startVault() {
        if (vault != null) {
            vault.start();
        }
    }

    public VaultStatus vaultStatus() {
        return vault == null ? VaultStatus.NONE : vault.status();
    }

    /** How far the search index is behind the notes table (changes, and the newest one's age in ms). */
    public IndexLag lag() {
        return feed.lag();
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
        if (vault != null) {
            vault.close();
        }
        purger.shutdownNow();
        try (embedder) {
            feed.close();
            index.close();
        }
    }
}
