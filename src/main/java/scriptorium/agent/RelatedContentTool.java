package scriptorium.agent;

import java.util.List;
import java.util.Map;
import scriptorium.llm.ToolSpec;
import scriptorium.knowledge.NoteService;
import scriptorium.knowledge.SearchHit;
import scriptorium.store.Note;

/** Mimir's {@code get_related_content(note_id, limit=5)}: notes close to one note, in words or meaning. */
final class RelatedContentTool extends NoteTool {

    static final String NAME = "get_related_content";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Find the notes most related to one note, by shared words and by meaning. Returns their id, title,"
                    + " a snippet and a score; the 'query' field of the answer is the source note's title.",
            """
            {"type":"object","properties":{
              "note_id":{"type":"string","description":"the id of the note to start from"},
              "limit":{"type":"integer","minimum":1,"maximum":20,"default":5,"description":"how many notes at most"}},
             "required":["note_id"]}""");

    RelatedContentTool(NoteService notes) {
        super(SPEC, notes);
    }

    @Override
    String announce(ToolArguments args) {
        return "Looking for notes related to note " + args.optional("note_id") + ".";
    }

    @Override
    ToolOutcome run(ToolArguments args, ToolContext context) {
        String noteId = args.required("note_id");
        int limit = args.integer("limit", 5, 1, 20);
        Note source = notes(context).get(noteId);
        List<SearchHit> hits = notes(context).related(noteId, limit);
        context.read(source.id(), source.version());
        hits.forEach(hit -> context.read(hit.noteId(), hit.version()));
        String details = hits.isEmpty()
                ? "Found no note related to “" + source.title() + "”."
                : "Found " + count(hits.size()) + " related to “" + source.title() + "”.";
        return new ToolOutcome(ToolJson.results(source.title(), hits), details, Map.of(
                "note_id", noteId, "limit", limit, "result_count", hits.size(),
                "note_ids", hits.stream().map(SearchHit::noteId).toList()));
    }
}
