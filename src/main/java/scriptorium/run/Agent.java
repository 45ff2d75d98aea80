package scriptorium.run;

import java.util.Locale;

/** Who speaks or is spoken to in events ({@code agent}, {@code to}): PROTOCOL §3. */
public enum Agent {
    PLUME, MIMIR, USER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The other agent of a discussion. */
    public Agent other() {
        return switch (this) {
            case PLUME -> MIMIR;
            case MIMIR -> PLUME;
            case USER -> throw new IllegalArgumentException("the user has no other agent");
        };
    }

    public String displayName() {
        return switch (this) {
            case PLUME -> "Plume";
            case MIMIR -> "Mimir";
            case USER -> "User";
        };
    }
}
