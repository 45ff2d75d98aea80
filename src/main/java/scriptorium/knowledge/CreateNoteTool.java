package scriptorium.knowledge;

import java.util.List;
import java.util.Map;
import scriptorium.agent.Tool;
import scriptorium.agent.ToolException;
import scriptorium.agent.ToolOutcome;
import scriptorium.llm.ToolSpec;
import scriptorium.run.RunContext;
import scriptorium.store.Note;

/** Plume's {@code create_note(title, content, tags?)}: a new note, searchable at once, listed in the run's note_ids. */
final class CreateNoteTool implements Tool {

    static final String NAME = "create_note";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Save a new note in the user's archive. Write the content in Markdown, faithful to what the user said;"
                    + " returns the new note's id, title and version.",
            """
            {"type":"object","properties":{
              "title":{"type":"string","maxLength":200,"description":"a short, specific title"},
              "content":{"type":"string","description":"the note itself, in Markdown"},
              "tags":{"type":"array","items":{"type":"string","maxLength":50},"maxItems":20,
                      "description":"a few lower-case keywords"}},
             "required":["title","content"]}""");

    private final NoteService notes;

    CreateNoteTool(NoteService notes) {
        this.notes = notes;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String announce(Map<String, Object> arguments) {
        return "Saving a note titled “" + new ToolArguments(NAME, arguments).optional("title") + "”.";
    }

    @Override
    public ToolOutcome run(Map<String, Object> arguments, RunContext run) {
        var args = new ToolArguments(NAME, arguments);
        List<String> tags = args.list("tags");
        Note note;
        try {
            note = notes.create(new NoteDraft(args.required("title"), args.required("content"), tags),
                    Note.Source.PLUME);
        } catch (NoteException e) {
            throw new ToolException(NAME + ": " + e.getMessage(), e);
        }
        run.noteTouched(note.id());
        return new ToolOutcome(ToolJson.written(note), "Saved the note “" + note.title() + "”.", Map.of(
                "note_id", note.id(), "title", note.title(), "version", note.version(), "tags", note.tags()));
    }
}
