package scriptorium.capture;

import java.util.List;
import java.util.Optional;
import scriptorium.knowledge.NoteDraft;
import scriptorium.knowledge.NoteService;
import scriptorium.store.Note;

/**
 * A quick text note (the share sheet, the offline queue): saved as written, its title given or taken from its
 * first line. Sending the same text twice gives back the note it made the first time (content hash), so a queue
 * that resends after a lost answer never makes a second note.
 */
public final class QuickNotes {

    private static final int TITLE_CHARS = 80;

    private final NoteService notes;

    /** @param notes the archive quick notes go into: one owner's */
    public QuickNotes(NoteService notes) {
        this.notes = notes;
    }

    /** Quick notes into {@code owner}'s archive. */
    public QuickNotes forOwner(String owner) {
        return new QuickNotes(notes.forOwner(owner));
    }

    /** @param created false when the archive already had this text: {@code note} is that note */
    public record Saved(Note note, boolean created) {}

    /** @param title null or blank: the text's first line */
    public Saved save(String text, String title, List<String> tags) {
        String content = text.strip();
        Optional<Note> existing = notes.findByContent(content);
        if (existing.isPresent()) {
            return new Saved(existing.get(), false);
        }
        String name = title == null || title.isBlank() ? firstLine(content) : title;
        return new Saved(notes.create(new NoteDraft(name, content, tags), Note.Source.USER), true);
    }

    static String firstLine(String text) {
        String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("Note")
                .replaceFirst("^#+\\s*", "");
        return line.length() <= TITLE_CHARS ? line : line.substring(0, TITLE_CHARS - 1).strip() + "…";
    }
}
