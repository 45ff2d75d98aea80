package scriptorium.cli;

import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scriptorium.App;
import scriptorium.config.AccessSettings;
import scriptorium.Logging;
import scriptorium.config.ModelSettings;
import scriptorium.config.Settings;

/** {@code scriptorium serve}: starts the server with the settings of the environment, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the Scriptorium server (settings from environment variables, see the README).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--vault", paramLabel = "DIR",
            description = "A folder of Markdown files kept in sync with the archive while the server runs (VAULT_PATH).")
    String vault;

    @Override
    public Integer call() throws InterruptedException {
        var environment = new HashMap<>(System.getenv());
        if (vault != null) {
            environment.put("VAULT_PATH", vault);
        }
        Optional<Settings> read = EnvironmentSettings.read(environment);
        if (read.isEmpty()) {
            return 2;
        }
        Settings settings = read.get();
        Logging.apply(settings.log());
        long started = System.nanoTime();
        App app;
        try {
            app = App.listen(settings);
        } catch (RuntimeException e) {
            // Logged rather than left to picocli, whose stack trace would break the one-format (or JSON) output.
            log().error("could not start", e);
            return 1;
        }
        // From here on a stop closes the server, even one still starting: its close waits for the store's opening, so
        // a migration is never cut in the middle (listening comes before the store is open, issue 16).
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        announce(settings, app.port(), millisSince(started));
        try {
            app.awaitReady(); // the requests sent meanwhile wait for this, then are served
        } catch (RuntimeException e) {
            log().error("could not start", e);
            return 1;
        }
        announceReady(settings, millisSince(started), accessLine(settings, app));
        stopped.await();
        return 0;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** How people get in: nobody signs in (local), or sign in, or the one-time link that creates the first admin. */
    private static String accessLine(Settings settings, App app) {
        AccessSettings access = settings.access();
        if (access.mode() == AccessSettings.AuthMode.LOCAL) {
            return "Access: local mode, no sign-in; only this machine can connect (HOST=" + settings.http().host() + ")";
        }
        String base = access.publicUrl().isEmpty() ? "http://localhost:" + app.port() : access.publicUrl();
        return app.setupSecret()
                .map(secret -> "Access: accounts mode. No user yet: open this link within an hour to create the first"
                        + " admin (it works once):\n  " + base + "/#setup=" + secret)
                .orElse("Access: accounts mode; sign in at " + base + " (scriptorium login --url " + base
                        + " for the CLI)");
    }

    /**
     * A short banner for a person, once the port is bound (the store may still be opening); in json mode a log line
     * like any other, so every line stays one object.
     */
    private static void announce(Settings settings, int port, long listeningMillis) {
        String host = settings.http().host();
        String url = "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host) + ":" + port;
        switch (settings.log().format()) {
            case TEXT -> {
                System.out.printf("Scriptorium %s listening on %s (in %d ms)%n", App.VERSION, url, listeningMillis);
                System.out.printf("  model  %s%n  store  %s%n  voice  %s%n  vault  %s%n  mode   one server, run events in"
                                + " memory; logs: %s%n", modelLine(settings.model()), settings.store().describe(),
                        settings.transcription().describe(), settings.vault().describe(), settings.log().level());
                System.out.flush();
            }
            case JSON -> log().info("Scriptorium {} listening on {} (in {} ms); model: {}; store: {}",
                    App.VERSION, url, listeningMillis, settings.model().describe(), settings.store().describe());
        }
    }

    /** Once the database and the archive are open and every route answers: how long it took, and how to get in. */
    private static void announceReady(Settings settings, long readyMillis, String access) {
        switch (settings.log().format()) {
            case TEXT -> {
                System.out.printf("  ready  in %d ms (database and archive open)%n", readyMillis);
                System.out.println(access);
                System.out.flush();
            }
            case JSON -> log().info("ready in {} ms; {}", readyMillis, access);
        }
    }

    /** Not a static field: picocli builds every command's object whatever the command, and `chat` starts no Logback. */
    private static Logger log() {
        return LoggerFactory.getLogger(ServeCommand.class);
    }

    /** Which model answers; Offline says why, so a missing key is noticed at once (never prints a key). */
    private static String modelLine(ModelSettings model) {
        return switch (model) {
            case ModelSettings.Offline offline -> offline.describe()
                    + " (set ANTHROPIC_API_KEY or OPENAI_API_KEY to use a model)";
            case ModelSettings.Anthropic anthropic -> anthropic.describe();
            case ModelSettings.OpenAiCompatible openAi -> openAi.describe();
        };
    }
}
