package scriptorium;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import scriptorium.config.EventLogSettings;
import scriptorium.config.Settings;
import scriptorium.knowledge.Knowledge;
import scriptorium.store.Database;
import scriptorium.store.PendingDataSource;

/**
 * The database and the archive over it, opened side by side at start (issue 16): the archive loads its embedding
 * table and opens its search index while the pool starts and Flyway migrates, and waits for the database only where
 * it reads the notes ({@link PendingDataSource}). Either failing fails the start, the database's cause first; what
 * did open is closed.
 */
record Storage(Database database, Knowledge knowledge) {

    static Storage open(Settings all) {
        var settings = all.store();
        // Platform threads, for two tasks: a virtual thread waiting for a class another one initialises (H2, Lucene,
        // SLF4J load many at start) would hold its carrier, and a one-core machine has one.
        try (var openings = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("opening-", 0).factory())) {
            Future<Database> database = openings.submit(() -> Database.open(settings));
            Future<Knowledge> knowledge = openings.submit(
                    () -> Knowledge.open(settings.dataDir(), new PendingDataSource(database), follow(all), all.vault()));
            Database opened;
            try {
                opened = result(database);
            } catch (RuntimeException e) {
                try {
                    result(knowledge).close(); // it failed too, most likely: it reads the notes
                } catch (RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                throw e;
            }
            try {
                return new Storage(opened, result(knowledge));
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }
    }

    /**
     * How often the index reads the notes' change feed: only scaled out (the event log in Redis). One instance writes
     * every note through its own index, and catches up with the feed once at start (an import while it was down).
     */
    private static java.time.Duration follow(Settings settings) {
        return settings.events() instanceof EventLogSettings.Redis ? settings.indexFollow() : null;
    }

    /** The opening's result; its own exception if it failed. */
    private static <T> T result(Future<T> opening) {
        try {
            return opening.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the store opened", e);
        }
    }
}
