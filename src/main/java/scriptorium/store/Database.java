package scriptorium.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import scriptorium.config.StoreSettings;

/**
 * The connection pool, with the schema migrated to the latest version when it opens. It may open on another thread
 * ({@link #opening}): the server then listens and wires its components while the pool starts and Flyway checks the
 * schema (issue 16), and a connection asked for meanwhile waits for the opening ({@link PendingDataSource}).
 */
public final class Database implements AutoCloseable {

    private final CompletableFuture<HikariDataSource> pool;
    private final DataSource dataSource;
    private final GroupCommit writes;

    private Database(CompletableFuture<HikariDataSource> pool, StoreSettings settings) {
        this.pool = pool;
        this.dataSource = new PendingDataSource(pool);
        this.writes = new GroupCommit(dataSource, settings.limits());
    }

    /** Opens the database on this thread: returns once it is open, or throws {@link StoreException}. */
    public static Database open(StoreSettings settings) {
        Database database = opening(settings, Runnable::run);
        try {
            database.awaitOpen();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** Starts opening the database on {@code on} and returns at once; {@link #awaitOpen} says how it went. */
    public static Database opening(StoreSettings settings, Executor on) {
        return new Database(CompletableFuture.supplyAsync(() -> pool(settings), on), settings);
    }

    /** Waits for the opening to end; throws its {@link StoreException} (or error) if it failed. */
    public void awaitOpen() {
        Openings.await(pool);
    }

    private static HikariDataSource pool(StoreSettings settings) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new StoreException("cannot create the data folder " + settings.dataDir(), e);
        }
        var config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password().value());
        config.setMaximumPoolSize(settings.embedded() ? 16 : 20);
        config.setPoolName("scriptorium");
        // Every wait on the database has a deadline: with the database down, a request fails within it, and the
        // pool reconnects by itself once the database is back.
        config.setConnectionTimeout(settings.limits().timeout().toMillis());
        config.setValidationTimeout(Math.min(settings.limits().timeout().toMillis(), 5000));
        config.setInitializationFailTimeout(settings.limits().timeout().toMillis());
        var dataSource = new HikariDataSource(config);
        try {
            Migrations.migrate(dataSource);
            if (settings.embedded()) {
                tuneEmbedded(dataSource);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("cannot migrate the database schema: " + e.getMessage(), e);
        }
        return dataSource;
    }

    /**
     * H2 only, a setting of its storage rather than of the schema (as WRITE_DELAY is): the message ordinals' sequence
     * hands out 4096 values between two writes of its state, not 32. H2 writes that state in a commit of its own,
     * which with WRITE_DELAY=0 stores every page changed so far: one more store write per 32 messages, as many as the
     * store writer's own commits under load (issue 15). Values stay increasing across a crash (H2 restarts past the
     * cached ones). Not for PostgreSQL, whose sequence caches are per connection: ordinals would no longer follow
     * the order of the writes.
     */
    private static void tuneEmbedded(DataSource dataSource) {
        new Sql(dataSource).update("ALTER TABLE messages ALTER COLUMN ordinal SET CACHE 4096");
    }

    /** Connections from the pool; asked for while the database opens, one waits for the opening. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Where writes made by many runs at once are grouped into few commits. */
    public GroupCommit writes() {
        return writes;
    }

    /** Closes the pool; one still opening is closed once it has opened (bounded by the pool's own timeout). */
    @Override
    public void close() {
        writes.close();
        Openings.outcome(pool).ifPresent(HikariDataSource::close); // one that never opened has nothing to close
    }
}
