package scriptorium.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scriptorium.knowledge.NoteDraft;
import scriptorium.knowledge.NotePatch;
import scriptorium.knowledge.NoteService;
import scriptorium.knowledge.SearchHit;
import scriptorium.store.Note;

/**
 * The archive's tools: {@code search_notes}, {@code read_note}, {@code recent_notes}, {@code related_notes},
 * {@code create_note}, {@code update_note}. Each is one call of the {@link NoteService} the HTTP API uses, whose rules
 * (lengths, tags, versions) and refusals ({@code NoteException}) are the only ones.
 */
final class NoteTools {

    static final int MAX_SEARCH = 50;
    static final int MAX_LIST = 100;

    private final NoteService notes;

    NoteTools(NoteService notes) {
        this.notes = notes;
    }

    List<McpTool> all() {
        return List.of(search(), read(), recent(), related(), create(), update());
    }

    /** The caller's archive: no tool reaches another user's notes (PROTOCOL §8). */
    NoteService notes(McpTool.Call call) {
        return notes.forOwner(call.caller().owner());
    }

    private McpTool search() {
        return new McpTool("search_notes",
                "Search the user's notes by words and by meaning (French or English); returns ranked notes with id,"
                        + " title, a snippet and the score's parts.",
                """
                {"type":"object","properties":{
                  "query":{"type":"string","minLength":1,"maxLength":1000,"description":"what to look for"},
                  "limit":{"type":"integer","minimum":1,"maximum":50,"default":10,"description":"how many notes at most"}},
                 "required":["query"],"additionalProperties":false}""",
                McpTool.Hints.READS, Scope.READ, (args, call) -> {
                    String query = args.text("query");
                    var hits = notes(call).search(query, args.integer("limit", 10, 1, MAX_SEARCH));
                    return json(ToolJson.fields("query", query.strip(), "results", hits.stream().map(NoteTools::hit).toList()));
                });
    }

    private McpTool read() {
        return new McpTool("read_note",
                "Read one note by id, as Markdown with its title, tags and version (the version update_note needs).",
                """
                {"type":"object","properties":{
                  "id":{"type":"string","minLength":1,"description":"the note's id"}},
                 "required":["id"],"additionalProperties":false}""",
                McpTool.Hints.READS, Scope.READ, (args, call) -> {
                    Note note = notes(call).get(args.text("id"));
                    var structured = summary(note);
                    structured.put("content", note.content());
                    return new McpTool.Answer(NoteMarkdown.of(note), structured);
                });
    }

    private McpTool recent() {
        return new McpTool("recent_notes",
                "List the user's most recently updated notes (id, title, tags, version, updated time), newest first.",
                """
                {"type":"object","properties":{
                  "limit":{"type":"integer","minimum":1,"maximum":100,"default":10,"description":"how many notes at most"}},
                 "additionalProperties":false}""",
                McpTool.Hints.READS, Scope.READ, (args, call) -> {
                    var page = notes(call).list(null, args.integer("limit", 10, 1, MAX_LIST), 0);
                    return json(ToolJson.fields("notes", page.notes().stream().map(NoteTools::summary).toList(),
                            "total", page.total()));
                });
    }

    private McpTool related() {
        return new McpTool("related_notes",
                "Find the notes closest in meaning and words to one note, given its id.",
                """
                {"type":"object","properties":{
                  "id":{"type":"string","minLength":1,"description":"the note to start from"},
                  "limit":{"type":"integer","minimum":1,"maximum":50,"default":5,"description":"how many notes at most"}},
                 "required":["id"],"additionalProperties":false}""",
                McpTool.Hints.READS, Scope.READ, (args, call) -> {
                    String id = args.text("id");
                    var hits = notes(call).related(id, args.integer("limit", 5, 1, MAX_SEARCH));
                    return json(ToolJson.fields("id", id, "results", hits.stream().map(NoteTools::hit).toList()));
                });
    }

    private McpTool create() {
        return new McpTool("create_note",
                "Create a note from a title, Markdown content and optional tags; returns its id and version.",
                """
                {"type":"object","properties":{
                  "title":{"type":"string","minLength":1,"maxLength":200},
                  "content":{"type":"string","minLength":1,"description":"Markdown"},
                  "tags":{"type":"array","items":{"type":"string"},"description":"short labels"}},
                 "required":["title","content"],"additionalProperties":false}""",
                new McpTool.Hints(false, false, false), Scope.WRITE, (args, call) -> {
                    Note note = notes(call).create(new NoteDraft(args.text("title"), args.text("content"),
                            args.textList("tags")), Note.Source.USER);
                    return json(summary(note));
                });
    }

    private McpTool update() {
        return new McpTool("update_note",
                "Change a note's title, content or tags, naming the version you read; a stale version changes nothing.",
                """
                {"type":"object","properties":{
                  "id":{"type":"string","minLength":1},
                  "version":{"type":"integer","minimum":1,"description":"the version read_note returned"},
                  "title":{"type":"string","minLength":1,"maxLength":200},
                  "content":{"type":"string","minLength":1,"description":"Markdown, replaces the whole content"},
                  "tags":{"type":"array","items":{"type":"string"},"description":"replaces all the tags"}},
                 "required":["id","version"],"additionalProperties":false}""",
                new McpTool.Hints(false, true, false), Scope.WRITE, (args, call) -> {
                    if (!args.values().containsKey("version")) {
                        throw new ToolRefusal("version: required, the version read_note returned");
                    }
                    long version = args.integer("version", 0, 1, Integer.MAX_VALUE);
                    var patch = new NotePatch(args.optionalText("title"), args.optionalText("content"),
                            args.textList("tags"));
                    return json(summary(notes(call).update(args.text("id"), version, patch)));
                });
    }

    private static Map<String, Object> hit(SearchHit hit) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", hit.noteId());
        json.put("title", hit.title());
        json.put("snippet", hit.snippet());
        json.put("score", hit.score());
        // Null when the note matched only by meaning, or only by words: the parts of the fused score.
        json.put("text_score", hit.textScore());
        json.put("vector_score", hit.vectorScore());
        json.put("tags", hit.tags());
        json.put("uri", NoteMarkdown.uri(hit.noteId()));
        return json;
    }

    private static LinkedHashMap<String, Object> summary(Note note) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", note.id());
        json.put("title", note.title());
        json.put("tags", note.tags());
        json.put("version", note.version());
        json.put("updated_at", note.updatedAt().toString());
        json.put("uri", NoteMarkdown.uri(note.id()));
        return json;
    }

    static McpTool.Answer json(Map<String, Object> structured) {
        return new McpTool.Answer(ToolJson.write(structured), structured);
    }
}
