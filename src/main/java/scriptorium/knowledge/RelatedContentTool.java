package scriptorium.knowledge;

import java.util.List;
import java.util.Map;
import scriptorium.agent.Tool;
import scriptorium.agent.ToolException;
import scriptorium.agent.ToolOutcome;
import scriptorium.llm.ToolSpec;
import scriptorium.run.RunContext;
import scriptorium.store.Note;

/** Mimir's {@code get_related_content(note_id, limit=5)}: notes close to one note, in words or meaning. */
final class RelatedContentTool implements Tool {

    static final String NAME = "get_related_content";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Find the notes most related to one note, by shared words and by meaning. Returns their id, title,"
                    + " a snippet and a score; the 'query' field of the answer is the source note's title.",
            """
            {"type":"object","properties":{
              "note_id":{"type":"string","description":"the id of the note to start from"},
              "limit":{"type":"integer","minimum":1,"maximum":20,"default":5,"description":"how many notes at most"}},
             "required":["note_id"]}""");

    private final NoteService notes;

    RelatedContentTool(NoteService notes) {
        this.notes = notes;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String announce(Map<String, Object> arguments) {
        return "Looking for notes related to note " + new ToolArguments(NAME, arguments).optional("note_id") + ".";
    }

    @Override
    public ToolOutcome run(Map<String, Object> arguments, RunContext run) {
        var args = new ToolArguments(NAME, arguments);
        String noteId = args.required("note_id");
        int limit = args.integer("limit", 5, 1, 20);
        Note source;
        List<SearchHit> hits;
        try {
            source = notes.get(noteId);
            hits = notes.related(noteId, limit);
        } catch (NoteException e) {
            throw new ToolException(NAME + ": " + e.getMessage(), e);
        }
        String details = hits.isEmpty()
                ? "Found no note related to “" + source.title() + "”."
                : "Found " + SearchKnowledgeTool.count(hits.size()) + " related to “" + source.title() + "”.";
        return new ToolOutcome(ToolJson.results(source.title(), hits), details, Map.of(
                "note_id", noteId, "limit", limit, "result_count", hits.size(),
                "note_ids", hits.stream().map(SearchHit::noteId).toList()));
    }
}
