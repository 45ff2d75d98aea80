package scriptorium.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import scriptorium.events.RunEvent;
import scriptorium.knowledge.Citation;
import scriptorium.knowledge.CitationCheck;
import scriptorium.store.Note;

/**
 * The one place citations are checked (PROTOCOL §7): once the workflow has answered and before `complete`, every
 * citation of every finished agent message is checked against the note at the version the run's tools returned,
 * and emitted as a `citation` event; the run reads them back into {@code result.citations}. One batched read of
 * the cited notes per run.
 */
final class Citations {

    /** For a run core without an archive: every cited note is unknown. */
    static final Citations NONE = new Citations((owner, ids) -> List.of());

    private final BiFunction<String, List<String>, List<Note>> notes;

    /**
     * @param notes the owner's notes among the ids that exist: another user's note is unknown here, as everywhere
     */
    Citations(BiFunction<String, List<String>, List<Note>> notes) {
        this.notes = notes;
    }

    void check(LiveRun run) {
        List<RunEvent.AgentMessage> messages = run.messages();
        Set<String> ids = new LinkedHashSet<>();
        messages.forEach(message -> Citation.parse(message.content()).forEach(c -> ids.add(c.noteId())));
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Note> byId = new HashMap<>();
        notes.apply(run.owner(), new ArrayList<>(ids)).forEach(note -> byId.put(note.id(), note));
        Map<String, Long> read = run.read();
        for (RunEvent.AgentMessage message : messages) {
            for (Citation c : Citation.parse(message.content())) {
                run.emit(event(message, c, CitationCheck.check(c, byId.get(c.noteId()), read.getOrDefault(c.noteId(), 0L))));
            }
        }
    }

    private static RunEvent.Citation event(RunEvent.AgentMessage message, Citation c, CitationCheck.Verdict verdict) {
        RunEvent.Unverified reason = switch (verdict) {
            case VERIFIED -> null;
            case UNKNOWN_NOTE -> RunEvent.Unverified.UNKNOWN_NOTE;
            case QUOTE_NOT_FOUND -> RunEvent.Unverified.QUOTE_NOT_FOUND;
            case NOTE_CHANGED -> RunEvent.Unverified.NOTE_CHANGED;
        };
        return new RunEvent.Citation(message.agent(), message.messageId(), c.noteId(), c.quote(), reason == null,
                reason);
    }
}
