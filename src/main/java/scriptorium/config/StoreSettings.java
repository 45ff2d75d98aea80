package scriptorium.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where data lives: an H2 file under {@code dataDir} by default, PostgreSQL when {@code DATABASE_URL} is set
 * ({@code postgres://user:pass@host:5432/db} or a {@code jdbc:postgresql:} URL).
 */
public record StoreSettings(Path dataDir, String jdbcUrl, String user, Secret password, Limits limits) {

    /**
     * @param timeout    the longest any wait on the database may take: a connection, a write's turn, its commit
     * @param writeQueue writes waiting for the store writer at most; past it a writer waits for room (back-pressure)
     */
    public record Limits(Duration timeout, int writeQueue) {}

    public boolean embedded() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** What the startup line and {@code /health} say, without credentials. */
    public String describe() {
        return embedded() ? "h2 (" + dataDir.resolve("scriptorium") + ")" : "postgresql";
    }

    static StoreSettings from(Env env, Path dataDir) {
        var limits = new Limits(env.seconds("STORE_TIMEOUT_SECONDS", 5, 1, 300),
                env.integer("STORE_WRITE_QUEUE", 4096, 16, 1_000_000));
        return from(env, dataDir, limits);
    }

    private static StoreSettings from(Env env, Path dataDir, Limits limits) {
        String url = env.get("DATABASE_URL");
        if (url == null) {
            String file = dataDir.resolve("scriptorium").toString();
            // WRITE_DELAY=0: each commit reaches the file at once, so a kill -9 loses no committed run or message.
            // DB_CLOSE_ON_EXIT=FALSE: the server closes its pool from its own shutdown hook, after what is running;
            // H2's hook would close the database under it, cutting a first start's migration in the middle.
            return new StoreSettings(dataDir, "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa",
                    new Secret(""), limits);
        }
        if (url.startsWith("jdbc:")) {
            return new StoreSettings(dataDir, url, env.string("DATABASE_USER", ""),
                    new Secret(env.string("DATABASE_PASSWORD", "")), limits);
        }
        try {
            URI uri = new URI(url);
            if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
                env.problem("DATABASE_URL: must start with postgres://, postgresql:// or jdbc:");
                return from(new Env(java.util.Map.of()), dataDir, limits);
            }
            String[] credentials = uri.getUserInfo() == null ? new String[] {"", ""} : uri.getUserInfo().split(":", 2);
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath()
                    + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
            return new StoreSettings(dataDir, jdbc, credentials[0],
                    new Secret(credentials.length > 1 ? credentials[1] : ""), limits);
        } catch (URISyntaxException e) {
            env.problem("DATABASE_URL: not a valid URL (" + e.getReason() + ")");
            return from(new Env(java.util.Map.of()), dataDir, limits);
        }
    }
}
