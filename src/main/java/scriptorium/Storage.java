package scriptorium;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import scriptorium.config.EventLogSettings;
import scriptorium.config.Settings;
import scriptorium.knowledge.Knowledge;
import scriptorium.store.Database;
import scriptorium.store.PendingDataSource;

/**
 * The database and the archive over it, opened side by side at start (issue 16) once the server listens: the archive
 * loads its embedding table and opens its search index while the pool starts and Flyway checks the schema, and waits
 * for the database only where it reads the notes ({@link PendingDataSource}). Both exist, and are usable, before
 * they open (a call waits for what it needs); {@link #awaitOpen} says whether they opened: either failing fails the
 * start, the database's cause first.
 *
 * @param start completed by {@link #startOpening}
 */
record Storage(Database database, Knowledge knowledge, CompletableFuture<Void> start) implements AutoCloseable {

    /** Opens both and returns once they are open; what did open is closed if either fails. */
    static Storage open(Settings settings) {
        Storage storage = opening(settings);
        storage.startOpening();
        try {
            storage.awaitOpen();
        } catch (RuntimeException | Error e) {
            storage.close();
            throw e;
        }
        return storage;
    }

    /**
     * Both, usable at once, but not opening before {@link #startOpening}: the server starts listening first, with
     * the machine's cores to itself (issue 16). Each opening step then runs on a thread of its own.
     */
    static Storage opening(Settings all) {
        var settings = all.store();
        var start = new CompletableFuture<Void>();
        // Platform threads, for three tasks: a virtual thread waiting for a class another one initialises (H2, Lucene,
        // SLF4J load many at start) would hold its carrier, and a one-core machine has one.
        ThreadFactory threads = Thread.ofPlatform().name("opening-", 0).factory();
        Executor onceStarted = task -> start.thenRun(() -> threads.newThread(task).start());
        Database database = Database.opening(settings, onceStarted);
        return new Storage(database, Knowledge.opening(settings.dataDir(), database.dataSource(), follow(all),
                all.vault(), onceStarted), start);
    }

    /** The database and the archive start opening, side by side. */
    void startOpening() {
        start.complete(null);
    }

    /** Waits until both are open; throws the database's failure first (the archive's would only follow from it). */
    void awaitOpen() {
        database.awaitOpen();
        knowledge.awaitOpen();
    }

    /** Closes the archive, then the database; either still opening is closed once its opening has ended. */
    @Override
    public void close() {
        startOpening(); // an opening never started would never end: it runs, then what it opened is closed
        try {
            knowledge.close();
        } finally {
            database.close();
        }
    }

    /**
     * How often the index reads the notes' change feed: only scaled out (the event log in Redis). One instance writes
     * every note through its own index, and catches up with the feed once at start (an import while it was down).
     */
    private static java.time.Duration follow(Settings settings) {
        return settings.events() instanceof EventLogSettings.Redis ? settings.indexFollow() : null;
    }
}
