package scriptorium.cli;

import java.util.Optional;
import scriptorium.config.ConfigException;
import scriptorium.config.Settings;

/** The settings of this process's environment, for the commands that open the data folder themselves. */
final class EnvironmentSettings {

    private EnvironmentSettings() {}

    /** The settings, or empty after printing every problem (the command then exits 2). */
    static Optional<Settings> read() {
        return read(System.getenv());
    }

    /** The settings of {@code environment} (this process's, with a command's options added). */
    static Optional<Settings> read(java.util.Map<String, String> environment) {
        try {
            return Optional.of(Settings.from(environment));
        } catch (ConfigException e) {
            System.err.println("scriptorium: invalid settings:");
            e.problems().forEach(problem -> System.err.println("  - " + problem));
            return Optional.empty();
        }
    }
}
