package scriptorium.access;

import java.util.Locale;

/** A user's role: admins also manage users and read metrics. */
public enum Role {
    USER, ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
