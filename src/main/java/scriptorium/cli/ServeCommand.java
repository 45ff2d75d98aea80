package scriptorium.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import scriptorium.App;
import scriptorium.config.ModelSettings;
import scriptorium.config.Settings;

/** {@code scriptorium serve}: starts the server with the settings of the environment, until stopped. */
@Command(name = "serve", description = "Start the Scriptorium server (settings from environment variables).")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        Optional<Settings> read = EnvironmentSettings.read();
        if (read.isEmpty()) {
            return 2;
        }
        Settings settings = read.get();
        long started = System.nanoTime();
        App app = App.start(settings);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.printf("Scriptorium %s listening on http://localhost:%d (model: %s, store: %s, transcription: %s) in %d ms%n",
                App.VERSION, app.port(), modelLine(settings.model()), settings.store().describe(),
                settings.transcription().describe(),
                (System.nanoTime() - started) / 1_000_000);
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Which model answers; Offline says why, so a missing key is noticed at once (never prints a key). */
    private static String modelLine(ModelSettings model) {
        return switch (model) {
            case ModelSettings.Offline offline -> offline.describe()
                    + ", set ANTHROPIC_API_KEY (or OPENAI_API_KEY) to use a model";
            case ModelSettings.Anthropic anthropic -> anthropic.describe();
            case ModelSettings.OpenAiCompatible openAi -> openAi.describe();
        };
    }
}
