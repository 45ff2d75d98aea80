package scriptorium.knowledge;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.store.VaultStore;

/**
 * The live vault (issue 14): a folder of Markdown files kept in sync with one user's archive while the server runs.
 * {@link #start} returns at once; on the vault's own virtual thread, the folder is first synced whole (progress in
 * {@link #status} and log lines), then watched: changes are gathered until the folder has been quiet for a while
 * (200 ms by default; at most five times that in all) and synced by {@link VaultSync}, so a file saved is in the
 * archive well within 2 s. Edits made in Scriptorium are written back by {@link VaultFiles}.
 */
public final class Vault implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Vault.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final Path root;
    private final Duration quiet;
    private final String owner;
    private final VaultSync sync;
    private final VaultStatus.Counter counter = new VaultStatus.Counter();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("vault").factory());
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private volatile VaultStatus.State state = VaultStatus.State.STARTING;
    private volatile Instant startedAt;
    private volatile long syncMillis;
    private volatile String problem;
    private volatile WatchService watcher;
    private volatile boolean closing;

    /** @param notes the archive of the vault's owner */
    Vault(Path root, Duration quiet, NoteService notes, VaultStore files) {
        this.root = root.toAbsolutePath().normalize();
        this.quiet = quiet;
        this.owner = notes.owner();
        this.sync = new VaultSync(this.root, notes, files, counter);
    }

    /** Syncs and then watches the folder on the vault's thread; returns at once. */
    public void start() {
        startedAt = Instant.now();
        thread.execute(this::run);
    }

    public VaultStatus status() {
        return new VaultStatus(state, root.toString(), owner, counter.total, counter.done, counter.imported,
                counter.updated, counter.moved, counter.trashed, counter.failed, startedAt, syncMillis, problem);
    }

    private void run() {
        try {
            // Watching starts before the first sync, so that nothing saved meanwhile is missed.
            watcher = root.getFileSystem().newWatchService();
            register(root);
            firstSync();
            state = VaultStatus.State.WATCHING;
            while (true) {
                Set<Path> changed = gather(watcher.take());
                if (!changed.isEmpty()) {
                    sync.sync(changed);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException | java.util.concurrent.CancellationException e) {
            log.debug("vault: stopped watching {}", root);
        } catch (Throwable t) { // the top of the vault's thread: say why it stopped, the server goes on
            if (closing) { // a database call cut short by the server stopping: the next start syncs again
                log.debug("vault: stopped while syncing {}: {}", root, t.toString());
                return;
            }
            problem = t.toString();
            state = VaultStatus.State.FAILED;
            log.error("vault: stopped syncing {}; restart the server to try again", root, t);
        }
    }

    private void firstSync() throws IOException {
        state = VaultStatus.State.SYNCING;
        long started = System.nanoTime();
        log.info("vault: syncing {} with the archive of {}", root, owner);
        var progress = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("vault-progress").factory());
        progress.scheduleAtFixedRate(() -> log.info("vault: first sync {}/{} files", counter.done, counter.total),
                PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            sync.sync(List.of(root));
        } finally {
            progress.shutdownNow();
        }
        syncMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        log.info("vault: first sync of {} files in {} ms: {} imported, {} updated, {} moved, {} trashed, {} skipped;"
                        + " watching for changes", counter.total, syncMillis, counter.imported, counter.updated,
                counter.moved, counter.trashed, counter.failed);
    }

    /** The paths of {@code first} and of every event until the folder is quiet; the root on an overflow. */
    private Set<Path> gather(WatchKey first) throws InterruptedException, IOException {
        Set<Path> changed = new LinkedHashSet<>();
        // An editor saves in several writes, a rename is a delete and a create: one pass for all of them.
        long deadline = System.nanoTime() + quiet.multipliedBy(5).toNanos();
        WatchKey key = first;
        while (key != null) {
            Path folder = folders.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW) {
                    changed.add(root);  // events were lost: look at everything
                } else if (folder != null) {
                    Path path = folder.resolve((Path) event.context());
                    if (event.kind() == ENTRY_MODIFY && Files.isDirectory(path)) {
                        continue; // its files have their own events
                    }
                    changed.add(path);
                    if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
                        watch(path); // a new or moved-in folder: watched, and its files are in the pass
                    }
                }
            }
            if (!key.reset()) {
                folders.remove(key);
                if (root.equals(folder)) {
                    throw new IOException("the vault folder " + root + " is gone");
                }
            }
            long left = deadline - System.nanoTime();
            key = left <= 0 ? null : watcher.poll(Math.min(left, quiet.toNanos()), TimeUnit.NANOSECONDS);
        }
        return changed.contains(root) ? Set.of(root) : changed;
    }

    private void watch(Path folder) {
        try {
            register(folder);
        } catch (IOException e) { // gone as soon as it came, or unreadable: its own events say what became of it
            log.warn("vault: cannot watch {}: {}", folder, Importer.reason(e));
        }
    }

    /** Watches {@code folder} and every folder under it but hidden ones (.obsidian, .git, .trash). */
    private void register(Path folder) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                String path = sync.relative(dir);
                if (path == null || VaultSync.hidden(path)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                folders.put(dir.register(watcher, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                log.warn("vault: cannot watch {}: {}", file, Importer.reason(e));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() {
        closing = true;
        thread.shutdownNow();
        WatchService open = watcher;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                log.debug("vault: watch service closed with {}", e.toString());
            }
        }
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("vault: the sync did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
