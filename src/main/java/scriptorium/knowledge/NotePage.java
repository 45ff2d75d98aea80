package scriptorium.knowledge;

import java.util.List;
import scriptorium.store.Note;

/** One page of notes, most recently updated first, and how many there are in all. */
public record NotePage(List<Note> notes, long total, int limit, int offset) {
    public NotePage {
        notes = List.copyOf(notes);
    }
}
