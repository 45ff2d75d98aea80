package scriptorium.agent;

import java.util.Map;
import scriptorium.llm.ToolSpec;
import scriptorium.knowledge.NoteDraft;
import scriptorium.knowledge.NoteService;

import scriptorium.store.Change;
import scriptorium.store.Note;

/** Plume's {@code create_note(title, content, tags?)}: a new note, searchable at once, listed in the run's note_ids. */
final class CreateNoteTool extends NoteTool {

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

    CreateNoteTool(NoteService notes) {
        super(SPEC, notes);
    }

    @Override
    String announce(ToolArguments args) {
        return "Saving a note titled “" + args.optional("title") + "”.";
    }

    @Override
    ToolOutcome run(ToolArguments args, ToolContext context) {
        Note note = notes(context).create(new NoteDraft(args.required("title"), args.required("content"), args.list("tags")),
                Change.byAgent(Note.Source.PLUME, context.runId(), "created"));
        context.wrote(note.id());
        context.read(note.id(), note.version());
        return new ToolOutcome(ToolJson.written(note), "Saved the note “" + note.title() + "”.", Map.of(
                "note_id", note.id(), "title", note.title(), "version", note.version(), "tags", note.tags()));
    }
}
