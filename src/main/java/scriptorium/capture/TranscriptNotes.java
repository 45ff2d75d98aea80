package scriptorium.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scriptorium.agent.AgentRun;
import scriptorium.store.Ids;
import scriptorium.events.RunEvent;
import scriptorium.events.RunEvent.ActionStatus;
import scriptorium.knowledge.NoteDraft;
import scriptorium.knowledge.NotePatch;
import scriptorium.knowledge.NoteService;
import scriptorium.llm.Agent;
import scriptorium.store.Change;
import scriptorium.store.Note;

/**
 * Keeps a voice note's transcript with the note Plume wrote from it: appended under a "Transcript" heading and
 * tagged {@code voice}, so the exact words stay beside their restitution. Should Plume have answered without
 * saving (a model that ignored the request), the note is saved here from its answer, as a `create_note` of Plume's.
 */
final class TranscriptNotes {

    static final String TAG = "voice";
    private static final String HEADING_LINE = "## Transcript";
    private static final Pattern HEADING = Pattern.compile("\\A\\s*#{1,3}\\s+(.+?)\\s*#*\\s*(?:\\n|\\z)");
    private static final int TITLE_WORDS = 8;

    private final NoteService notes;

    TranscriptNotes(NoteService notes) {
        this.notes = notes;
    }

    void keep(AgentRun run, List<String> written, Transcript transcript, String answer) {
        if (written.isEmpty()) {
            save(run, transcript, answer);
            return;
        }
        NoteService mine = notes.forOwner(run.tools().owner());
        for (String id : written) {
            Note note = mine.get(id);
            if (!note.content().contains(HEADING_LINE)) { // Plume may have updated one note twice in this run
                mine.update(id, new NotePatch(null, note.content().strip() + section(transcript), tagged(note.tags())),
                        Change.byAgent(Note.Source.PLUME, run.tools().runId(), "kept the transcript"));
            }
        }
    }

    private void save(AgentRun run, Transcript transcript, String answer) {
        Matcher heading = HEADING.matcher(answer);
        String title = heading.find() ? heading.group(1) : firstWords(transcript.text());
        String body = heading.find(0) ? answer.substring(heading.end()).strip() : answer.strip();
        String callId = Ids.next("call-");
        run.emit(new RunEvent.AgentAction(Agent.PLUME, "create_note", callId, ActionStatus.RUNNING,
                "Saving the voice note titled “" + title + "”.", Map.of("title", title)));
        Note note = notes.forOwner(run.tools().owner()).create(new NoteDraft(title, body + section(transcript),
                List.of(TAG)), Change.byAgent(Note.Source.PLUME, run.tools().runId(), "created"));
        run.tools().wrote(note.id());
        run.emit(new RunEvent.AgentAction(Agent.PLUME, "create_note", callId, ActionStatus.COMPLETED,
                "Saved the note “" + note.title() + "”.", Map.of("note_id", note.id(), "title", note.title(),
                "version", note.version(), "tags", note.tags())));
    }

    static String section(Transcript transcript) {
        var text = new StringBuilder("\n\n" + HEADING_LINE + "\n\n");
        for (String line : transcript.text().split("\\R")) {
            text.append("> ").append(line.strip()).append('\n');
        }
        text.append("\n*Voice note, ").append(VoiceNote.clock(transcript.duration()));
        if (transcript.language() != null) {
            text.append(", ").append(transcript.language());
        }
        return text.append(".*\n").toString();
    }

    private static List<String> tagged(List<String> tags) {
        var all = new ArrayList<>(tags);
        if (!all.contains(TAG) && all.size() < 20) {
            all.add(TAG);
        }
        return all;
    }

    private static String firstWords(String text) {
        String[] words = text.strip().split("\\s+");
        String title = String.join(" ", List.of(words).subList(0, Math.min(TITLE_WORDS, words.length)));
        return words.length > TITLE_WORDS ? title + "…" : title;
    }
}
