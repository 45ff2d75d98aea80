package scriptorium.knowledge;

import java.util.Map;
import scriptorium.agent.Tool;
import scriptorium.agent.ToolException;
import scriptorium.agent.ToolOutcome;
import scriptorium.llm.ToolSpec;
import scriptorium.run.RunContext;
import scriptorium.store.Note;

/** Plume's {@code update_note(note_id, title?, content?, tags?)}: changes only the fields given. */
final class UpdateNoteTool implements Tool {

    static final String NAME = "update_note";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Change an existing note: give its id and only the fields to replace (title, content in Markdown, tags)."
                    + " Returns the note's id, title and new version.",
            """
            {"type":"object","properties":{
              "note_id":{"type":"string","description":"the id of the note to change"},
              "title":{"type":"string","maxLength":200},
              "content":{"type":"string","description":"the whole new content, in Markdown"},
              "tags":{"type":"array","items":{"type":"string","maxLength":50},"maxItems":20}},
             "required":["note_id"]}""");

    private final NoteService notes;

    UpdateNoteTool(NoteService notes) {
        this.notes = notes;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String announce(Map<String, Object> arguments) {
        return "Updating note " + new ToolArguments(NAME, arguments).optional("note_id") + ".";
    }

    @Override
    public ToolOutcome run(Map<String, Object> arguments, RunContext run) {
        var args = new ToolArguments(NAME, arguments);
        String noteId = args.required("note_id");
        var patch = new NotePatch(args.optional("title"), args.optional("content"), args.list("tags"));
        Note note;
        try {
            note = notes.update(noteId, patch);
        } catch (NoteException e) {
            throw new ToolException(NAME + ": " + e.getMessage(), e);
        }
        run.noteTouched(note.id());
        return new ToolOutcome(ToolJson.written(note),
                "Updated the note “" + note.title() + "” (version " + note.version() + ").", Map.of(
                "note_id", note.id(), "title", note.title(), "version", note.version()));
    }
}
