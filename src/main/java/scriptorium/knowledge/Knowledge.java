package scriptorium.knowledge;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.config.VaultSettings;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.NoteStore;
import scriptorium.store.Openings;
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
    /** Lucene, once opened and caught up with the notes table (the archive opens on another thread at start). */
    private final CompletableFuture<LuceneSearchIndex> index;
    /** The index's change feed, once the whole archive is open; fails with the opening's cause. */
    private final CompletableFuture<IndexFeed> opened;
    private final NoteService notes;
    private final NoteHistory history;
    /** The live vault, or null when none is configured. */
    private final Vault vault;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("trash-purge").factory());

    private Knowledge(Embedder embedder, CompletableFuture<LuceneSearchIndex> index,
                      CompletableFuture<IndexFeed> opened, NoteService notes, NoteHistory history, Vault vault) {
        this.embedder = embedder;
        this.index = index;
        this.opened = opened;
        this.notes = notes;
        this.history = history;
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
        Knowledge knowledge = opening(dataDir, dataSource, follow, vaultSettings, Runnable::run);
        try {
            knowledge.awaitOpen();
        } catch (RuntimeException | Error e) {
            knowledge.close();
            throw e;
        }
        return knowledge;
    }

    /**
     * As {@link #open(Path, DataSource, Duration, VaultSettings)}, but the index opens on {@code on} and this returns
     * at once (issue 16): the archive's services exist, and what needs the index waits for it; {@link #awaitOpen}
     * says how the opening went.
     */
    public static Knowledge opening(Path dataDir, DataSource dataSource, Duration follow, VaultSettings vaultSettings,
                                    Executor on) {
        var store = new NoteStore(dataSource);
        Embedder embedder = new LoadingEmbedder(on); // the table loads while the index opens
        var trash = new TrashStore(dataSource);
        var vaultFiles = new VaultStore(dataSource);
        NoteFiles files = switch (vaultSettings) {
            case VaultSettings.Off off -> NoteFiles.NONE;
            case VaultSettings.Folder folder -> new VaultFiles(folder.folder(), vaultFiles);
        };
        var index = new CompletableFuture<LuceneSearchIndex>();
        var opened = new CompletableFuture<IndexFeed>();
        var notes = new NoteService(store, trash, new OpeningIndex(index), Clock.systemUTC(), UserStore.LOCAL_OWNER,
                files);
        Vault vault = switch (vaultSettings) {
            case VaultSettings.Off off -> null;
            case VaultSettings.Folder folder -> new Vault(folder.folder(), folder.quiet(), notes, vaultFiles);
        };
        var knowledge = new Knowledge(embedder, index, opened, notes,
                new NoteHistory(notes, new RevisionStore(dataSource), trash), vault);
        on.execute(() -> {
            try {
                opened.complete(knowledge.openIndex(dataDir, store, new EmbeddingStore(dataSource), follow));
            } catch (Throwable t) { // the top of the opening's thread: the start reads the cause from the futures
                index.completeExceptionally(t);
                opened.completeExceptionally(t);
            }
        });
        return knowledge;
    }

    /** Opens the index (blocking until it is in line with the notes), then links the notes written before links. */
    private IndexFeed openIndex(Path dataDir, NoteStore store, EmbeddingStore embeddings, Duration follow) {
        long started = System.nanoTime();
        LuceneSearchIndex lucene = LuceneSearchIndex.open(dataDir.resolve("index"), embedder, store, embeddings);
        index.complete(lucene);
        log.info("knowledge ready: {} notes searchable in {} ms", lucene.size(),
                (System.nanoTime() - started) / 1_000_000);
        int linked = notes.linkUnlinked();
        if (linked > 0) {
            log.info("links: {} notes written before links were kept now have theirs", linked);
        }
        var feed = new IndexFeed(lucene, store);
        if (follow != null) {
            feed.follow(follow, Clock.systemUTC());
        }
        return feed;
    }

    /** Waits until the archive is open; throws the opening's own exception if it failed. */
    public void awaitOpen() {
        Openings.await(opened);
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

    /** How far the search index is behind the notes table (changes, and the newest one's age in ms), once it is open. */
    public IndexLag lag() {
        return opened.join().lag();
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
            // Closed while it opens (the database failed, say): once the opening has ended, what it opened is closed.
            Openings.outcome(opened).ifPresent(IndexFeed::close);
            Openings.outcome(index).ifPresent(LuceneSearchIndex::close);
        }
    }
}
