package scriptorium.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything Scriptorium is configured with, read once from environment variables by {@link #from(Map)}
 * and validated there. Nothing else reads the environment.
 */
public record Settings(
        HttpSettings http,
        StoreSettings store,
        RunSettings runs,
        ModelSettings model,
        TranscriptionSettings transcription,
        LogSettings log,
        AccessSettings access,
        EventLogSettings events,
        Duration indexFollow,
        VaultSettings vault) {

    /** Reads and validates every setting; throws {@link ConfigException} listing all problems. */
    public static Settings from(Map<String, String> environment) {
        var env = new Env(environment);
        var http = new HttpSettings(
                env.string("HOST", "127.0.0.1"),
                env.integer("PORT", 8080, 0, 65535),
                env.seconds("HEARTBEAT_SECONDS", 15, 1, 3600),
                Duration.ofMillis(env.integer("STREAM_RETRY_MS", 1000, 0, 600_000)));
        Path data = env.path("SCRIPTORIUM_DATA", "./data");
        var store = StoreSettings.from(env, data);
        var runs = new RunSettings(
                env.integer("DISCUSSION_MAX_MESSAGES", 4, 2, 20),
                Duration.ofMinutes(env.integer("RUN_RETENTION_MINUTES", 10, 10, 24 * 60)),
                env.seconds("SHUTDOWN_GRACE_SECONDS", 5, 0, 600),
                env.integer("MAX_TOOL_ROUNDS", 4, 1, 20),
                mebibytes(env.integer("EVENT_LOG_RUN_MAX_MB", 32, 1, 4096)),
                mebibytes(env.integer("EVENT_LOG_MAX_MB", 1024, 1, 1 << 20)));
        if (runs.eventLogRunBytes() > runs.eventLogBytes()) {
            env.problem("EVENT_LOG_RUN_MAX_MB: must not be more than EVENT_LOG_MAX_MB");
        }
        var model = ModelSettings.from(env);
        var transcription = TranscriptionSettings.from(env);
        var log = new LogSettings(
                env.oneOf("LOG_LEVEL", "info", Set.of("trace", "debug", "info", "warn", "error")),
                LogSettings.Format.valueOf(
                        env.oneOf("LOG_FORMAT", "text", Set.of("text", "json")).toUpperCase(Locale.ROOT)));
        var access = AccessSettings.from(env, http.host());
        var events = EventLogSettings.from(env);
        // How often the search index looks for notes other instances wrote (the notes' change feed).
        Duration indexFollow = env.millis("INDEX_FOLLOW_MS", 250, 20, 10_000);
        var vault = VaultSettings.from(env);
        if (!env.problems.isEmpty()) {
            throw new ConfigException(env.problems);
        }
        return new Settings(http, store, runs, model, transcription, log, access, events, indexFollow, vault);
    }

    /**
     * @param heartbeat quiet time after which a stream writes a `: keepalive` comment (PROTOCOL §2)
     * @param streamRetry what the first frame of every stream tells EventSource clients to wait before reconnecting
     */
    public record HttpSettings(String host, int port, Duration heartbeat, Duration streamRetry) {}

    /**
     * @param retention how long a finished run's events stay replayable (PROTOCOL §5: at least 10 minutes)
     * @param shutdownGrace how long live runs may go on when the server stops, before they are cancelled
     * @param eventLogRunBytes how much one run's events may hold in memory; past it the run ends (`event_log_full`)
     * @param eventLogBytes    how much all runs' events may hold in memory
     */
    public record RunSettings(int discussionMaxMessages, Duration retention, Duration shutdownGrace, int maxToolRounds,
                              long eventLogRunBytes, long eventLogBytes) {}

    private static long mebibytes(int count) {
        return count * 1024L * 1024L;
    }

    /**
     * @param level  trace, debug, info, warn or error (lower case, whatever case LOG_LEVEL was written in)
     * @param format text for people, json for a log collector (one object per line)
     */
    public record LogSettings(String level, Format format) {
        public enum Format { TEXT, JSON }
    }
}
