package scriptorium.knowledge;

import java.util.List;

/**
 * A change to a note: each field is either a new value or null for "keep what it is" (a JSON PUT or a tool call
 * may name only the fields it changes, so absence must be representable).
 */
public record NotePatch(String title, String content, List<String> tags) {
    public NotePatch {
        tags = tags == null ? null : List.copyOf(tags);
    }

    public boolean empty() {
        return title == null && content == null && tags == null;
    }
}
