package scriptorium.events;

import java.util.Locale;
import java.util.Optional;

/** What the user asked for in {@code mode} (PROTOCOL §1). */
public enum Mode {
    AUTO, PLUME, MIMIR, DISCUSSION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Mode> parse(String value) {
        for (Mode mode : values()) {
            if (mode.id().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
