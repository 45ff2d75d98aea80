package scriptorium.cli;

import java.util.Optional;
import scriptorium.config.ConfigException;
import scriptorium.config.Settings;

/** The settings of this process's environment, for the commands that open the data folder themselves. */
final class EnvironmentSettings {

    private EnvironmentSettings() {}

    /** The settings, or empty after printing every problem (the command then exits 2). */
    static Optional<Settings> read() {
        try {
            return Optional.of(Settings.from(System.getenv()));
        } catch (ConfigException e) {
            System.err.println("scriptorium: invalid settings:");
            e.problems().forEach(problem -> System.err.println("  - " + problem));
            return Optional.empty();
        }
    }
}
