package scriptorium.knowledge;

import java.util.List;

/** What a new note is made of, before validation. {@code tags} may be empty, never null. */
public record NoteDraft(String title, String content, List<String> tags) {
    public NoteDraft {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
