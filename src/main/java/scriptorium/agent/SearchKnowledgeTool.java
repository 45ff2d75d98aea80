package scriptorium.agent;

import java.util.List;
import java.util.Map;
import scriptorium.llm.ToolSpec;
import scriptorium.knowledge.NoteService;
import scriptorium.knowledge.SearchHit;

/** Mimir's search: {@code search_knowledge(query, limit=10)} over every note, by words and by meaning. */
final class SearchKnowledgeTool extends NoteTool {

    static final String NAME = "search_knowledge";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Search the user's notes by words and by meaning (French or English). Returns the best matching notes"
                    + " with their id, title, a snippet and a score; cite the notes you use as [note:ID], or"
                    + " [note:ID \"the note's exact words\"] to quote one.",
            """
            {"type":"object","properties":{
              "query":{"type":"string","description":"what to look for, in the user's words"},
              "limit":{"type":"integer","minimum":1,"maximum":20,"default":10,"description":"how many notes at most"}},
             "required":["query"]}""");

    SearchKnowledgeTool(NoteService notes) {
        super(SPEC, notes);
    }

    @Override
    String announce(ToolArguments args) {
        return "Searching the archive for “" + args.optional("query") + "”.";
    }

    @Override
    ToolOutcome run(ToolArguments args, ToolContext context) {
        String query = args.required("query");
        int limit = args.integer("limit", 10, 1, 20);
        List<SearchHit> hits = notes(context).search(query, limit);
        hits.forEach(hit -> context.read(hit.noteId(), hit.version()));
        String details = hits.isEmpty()
                ? "Found no note for “" + query + "”."
                : "Found " + count(hits.size()) + " for “" + query + "”.";
        return new ToolOutcome(ToolJson.results(query, hits), details, Map.of(
                "query", query, "limit", limit, "result_count", hits.size(),
                "note_ids", hits.stream().map(SearchHit::noteId).toList()));
    }
}
