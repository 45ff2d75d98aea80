package scriptorium;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import scriptorium.config.EventLogSettings;
import scriptorium.config.Settings;
import scriptorium.knowledge.Knowledge;
import scriptorium.store.Database;
import scriptorium.store.PendingDataSource;

/**
 * The database and the archive over it, opened side by side at start (issue 16), while the server is wired and
 * starts listening: the archive loads its embedding table and opens its search index while the pool starts and
 * Flyway checks the schema, and waits for the database only where it reads the notes ({@link PendingDataSource}).
 * Both exist at once and are usable at once (a call waits for what it needs); {@link #awaitOpen} says whether they
 * opened: either failing fails the start, the database's cause first.
 */
record Storage(Database database, Knowledge knowledge) implements AutoCloseable {

    /** Opens both and returns once they are open; what did open is closed if either fails. */
    static Storage open(Settings settings) {
        Storage storage = opening(settings);
        try {
            storage.awaitOpen();
        } catch (RuntimeException | Error e) {
            storage.close();
            throw e;
        }
        return storage;
    }

    /** Starts opening both, each on a thread of its own, and returns at once. */
    static Storage opening(Settings all) {
        var settings = all.store();
        // Platform threads, for two tasks: a virtual thread waiting for a class another one initialises (H2, Lucene,
        // SLF4J load many at start) would hold its carrier, and a one-core machine has one.
        ExecutorService openings = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("opening-", 0).factory());
        try {
            Database database = Database.opening(settings, openings);
            return new Storage(database, Knowledge.opening(settings.dataDir(), database.dataSource(), follow(all),
                    all.vault(), openings));
        } finally {
            openings.shutdown(); // the two openings run to their end, then their threads end
        }
    }

    /** Waits until both are open; throws the database's failure first (the archive's would only follow from it). */
    void awaitOpen() {
        database.awaitOpen();
        knowledge.awaitOpen();
    }

    /** Closes the archive, then the database; either still opening is closed once its opening has ended. */
    @Override
    public void close() {
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
