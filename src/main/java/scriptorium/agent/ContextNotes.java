package scriptorium.agent;

import java.util.List;
import scriptorium.knowledge.NoteService;

/**
 * The notes a chat request names in {@code context_ids} (PROTOCOL §1), as text the agents read before the
 * user's message. Unknown ids are left out. Blocks on the store; thread-safe.
 */
@FunctionalInterface
public interface ContextNotes {

    /** No notes are ever given: for a team without an archive. */
    ContextNotes NONE = (noteIds, reads) -> "";

    /** Per context note: enough for a few pages, while ten notes still fit any model's context window. */
    int MAX_CHARS = 8_000;

    /**
     * The run owner's notes as one block of text, or "" when none of {@code noteIds} is one of theirs; each note
     * given is reported to {@code reads} with its version, as a tool's would be (its citations are checked
     * against it).
     */
    String describe(List<String> noteIds, ToolContext reads);

    /** Each note of the owner's archive as a titled section the agents can cite. */
    static ContextNotes of(NoteService notes) {
        return (noteIds, reads) -> {
            if (noteIds.isEmpty()) {
                return "";
            }
            var text = new StringBuilder();
            for (var note : notes.forOwner(reads.owner()).find(noteIds)) {
                reads.read(note.id(), note.version());
                String content = note.content().length() <= MAX_CHARS ? note.content()
                        : note.content().substring(0, MAX_CHARS) + " […]";
                text.append(text.isEmpty() ? "Notes given as context:\n\n" : "\n\n")
                        .append("## ").append(note.title()).append(" [note:").append(note.id()).append("]\n")
                        .append(content);
            }
            return text.toString();
        };
    }
}
