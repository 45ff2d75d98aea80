package scriptorium.mcp;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.stream.Collectors;
import scriptorium.store.Note;

/**
 * A note as Markdown for {@code read_note} and {@code note://{id}}: front matter with what a client needs to update it
 * (title, tags, version, id), then the content. The front matter is what the exporter writes, plus the version, so a
 * note read here also imports as it is.
 */
final class NoteMarkdown {

    static final String MIME = "text/markdown";

    private NoteMarkdown() {}

    static String of(Note note) {
        return "---\n"
                + "title: " + quoted(note.title()) + "\n"
                + "tags: [" + note.tags().stream().map(NoteMarkdown::quoted).collect(Collectors.joining(", ")) + "]\n"
                + "id: " + note.id() + "\n"
                + "version: " + note.version() + "\n"
                + "updated: " + note.updatedAt() + "\n"
                + "---\n\n"
                + note.content() + (note.content().endsWith("\n") ? "" : "\n");
    }

    static String uri(String id) {
        return "note://" + id;
    }

    /** A JSON string is a YAML double-quoted scalar: any title or tag reads back unchanged. */
    private static String quoted(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
