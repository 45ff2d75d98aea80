package scriptorium.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where runs' events live: in this process ({@link Memory}, the default), or in Redis when {@code REDIS_URL} is
 * set ({@link Redis}), so that several instances serve every run's stream, cancel each other's runs and end the
 * runs of an instance that died (ARCHITECTURE: "Scaled out").
 */
public sealed interface EventLogSettings {

    /** What {@code /health} says: {@code memory} or {@code redis}. */
    String describe();

    record Memory() implements EventLogSettings {
        @Override
        public String describe() {
            return "memory";
        }
    }

    /**
     * @param timeout the longest any wait on Redis may take (a connection, a command, a write retried while
     *                Redis restarts); past it a run ends with `event_log_unavailable`
     * @param lease   how long an instance's lease on its runs lasts unless renewed (renewed every lease / 5); a
     *                survivor ends the runs of an instance whose lease stayed expired (`instance_lost`)
     */
    record Redis(String host, int port, int database, Secret password, boolean tls, Duration timeout,
                 Duration lease) implements EventLogSettings {
        @Override
        public String describe() {
            return "redis";
        }
    }

    static EventLogSettings from(Env env) {
        String url = env.get("REDIS_URL");
        Duration timeout = env.seconds("REDIS_TIMEOUT_SECONDS", 5, 1, 60);
        Duration lease = env.seconds("LEASE_SECONDS", 5, 2, 60);
        if (url == null) {
            return new Memory();
        }
        try {
            URI uri = new URI(url);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                env.problem("REDIS_URL: must be redis://[:password@]host[:port][/db] (rediss:// for TLS)");
                return new Memory();
            }
            String info = uri.getUserInfo();
            String password = info == null ? "" : info.substring(info.indexOf(':') + 1);
            String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
            int database = path.isEmpty() ? 0 : Integer.parseInt(path);
            return new Redis(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(), database, new Secret(password),
                    "rediss".equals(uri.getScheme()), timeout, lease);
        } catch (URISyntaxException | NumberFormatException e) {
            env.problem("REDIS_URL: not a valid URL (redis://host:port/db)");
            return new Memory();
        }
    }
}
