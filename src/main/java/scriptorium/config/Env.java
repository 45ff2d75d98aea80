package scriptorium.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads typed values from environment variables, collecting every problem instead of stopping at the first. */
final class Env {

    private final Map<String, String> vars;
    final List<String> problems = new ArrayList<>();

    Env(Map<String, String> vars) {
        this.vars = vars;
    }

    /** The trimmed value, or null when unset or blank. */
    String get(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    String string(String name, String fallback) {
        String value = get(name);
        return value == null ? fallback : value;
    }

    int integer(String name, int fallback, int min, int max) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(name + "=" + value + ": must be a whole number from " + min + " to " + max);
        return fallback;
    }

    double decimal(String name, double fallback, double min, double max) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        problems.add(name + "=" + value + ": must be a number from " + min + " to " + max);
        return fallback;
    }

    Duration seconds(String name, long fallback, int min, int max) {
        return Duration.ofSeconds(integer(name, (int) fallback, min, max));
    }

    Duration millis(String name, long fallback, int min, int max) {
        return Duration.ofMillis(integer(name, (int) fallback, min, max));
    }

    String oneOf(String name, String fallback, Set<String> allowed) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (allowed.contains(lower)) {
            return lower;
        }
        problems.add(name + "=" + value + ": must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        return fallback;
    }

    Path path(String name, String fallback) {
        String value = string(name, fallback);
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add(name + "=" + value + ": not a valid path (" + e.getReason() + ")");
            return Path.of(fallback).toAbsolutePath();
        }
    }

    void problem(String text) {
        problems.add(text);
    }
}
