package scriptorium.agent;

import java.util.Map;
import scriptorium.llm.ToolSpec;
import scriptorium.knowledge.NotePatch;
import scriptorium.knowledge.NoteService;

import scriptorium.store.Change;
import scriptorium.store.Note;

/** Plume's {@code update_note(note_id, title?, content?, tags?)}: changes only the fields given. */
final class UpdateNoteTool extends NoteTool {

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

    UpdateNoteTool(NoteService notes) {
        super(SPEC, notes);
    }

    @Override
    String announce(ToolArguments args) {
        return "Updating note " + args.optional("note_id") + ".";
    }

    @Override
    ToolOutcome run(ToolArguments args, ToolContext context) {
        String noteId = args.required("note_id");
        Note note = notes(context).update(noteId, new NotePatch(args.optional("title"), args.optional("content"),
                args.list("tags")), Change.byAgent(Note.Source.PLUME, context.runId(), "edited"));
        context.wrote(note.id());
        context.read(note.id(), note.version());
        return new ToolOutcome(ToolJson.written(note),
                "Updated the note “" + note.title() + "” (version " + note.version() + ").", Map.of(
                "note_id", note.id(), "title", note.title(), "version", note.version()));
    }
}
