package scriptorium.access;

import java.util.Locale;
import java.util.Optional;

/** What a personal token may do (PROTOCOL §8). A signed-in session may do all but {@code METRICS} (admins: all). */
public enum Scope {
    /** Every GET of one's own data. */
    READ,
    /** Notes: create, update, delete, import; conversations: delete. */
    WRITE,
    /** Start and cancel runs. */
    CHAT,
    /** {@code /metrics} and the details of {@code /health}. */
    METRICS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> of(String id) {
        for (Scope scope : values()) {
            if (scope.id().equals(id)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
