package scriptorium.events;

import java.util.Locale;
import java.util.Optional;

/**
 * What the user asked for in {@code mode} (PROTOCOL §1), or {@link #CAPTURE}: a run a capture started (a voice note,
 * PROTOCOL §7), which a chat request cannot ask for.
 */
public enum Mode {
    AUTO, PLUME, MIMIR, DISCUSSION, CAPTURE;

    /** The modes a chat request may name. */
    public static final java.util.List<Mode> CHAT = java.util.List.of(AUTO, PLUME, MIMIR, DISCUSSION);

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One of the {@link #CHAT} modes by its id. */
    public static Optional<Mode> parse(String value) {
        for (Mode mode : CHAT) {
            if (mode.id().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
