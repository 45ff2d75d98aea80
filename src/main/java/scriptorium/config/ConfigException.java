package scriptorium.config;

import java.util.List;

/** Every problem found in the settings at once, each naming the variable and what it accepts. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
