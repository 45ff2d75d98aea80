package scriptorium.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A note as stored: the source of truth the search index is rebuilt from.
 *
 * @param owner       the user whose archive holds it: every read and write of notes names it
 * @param contentHash SHA-256 (hex) of {@code content}: how an import recognises a file it already has
 * @param version     1 on creation, +1 on each update; an update names the version it read (optimistic locking)
 */
public record Note(String id, String owner, String title, String content, List<String> tags, Source source, String contentHash,
                   long version, Instant createdAt, Instant updatedAt) {

    public Note {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner: required");
        }
        tags = List.copyOf(tags);
    }

    /** Who wrote the note first (and, in a {@link Change}, who changed it): VAULT is the live vault folder. */
    public enum Source {
        USER, PLUME, IMPORT, VAULT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
