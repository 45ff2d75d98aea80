package scriptorium.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import scriptorium.json.Jackson;
import scriptorium.knowledge.SearchHit;
import scriptorium.store.Note;

/**
 * The JSON the tools answer with. A fixed contract: the Offline model parses it, so fields are only ever added.
 * Search: {@code {"query":..,"results":[{"note_id","title","snippet","score","tags"}]}};
 * a write: {@code {"note_id":..,"title":..,"version":..}}.
 */
final class ToolJson {

    private static final ObjectMapper JSON = Jackson.MAPPER;

    private ToolJson() {}

    static String results(String query, List<SearchHit> hits) {
        ObjectNode root = JSON.createObjectNode().put("query", query);
        ArrayNode results = root.putArray("results");
        for (SearchHit hit : hits) {
            ObjectNode result = results.addObject()
                    .put("note_id", hit.noteId())
                    .put("title", hit.title())
                    .put("snippet", hit.snippet())
                    .put("score", Math.round(hit.score() * 1000) / 1000.0);
            hit.tags().forEach(result.putArray("tags")::add);
        }
        return write(root);
    }

    static String written(Note note) {
        return write(JSON.createObjectNode()
                .put("note_id", note.id())
                .put("title", note.title())
                .put("version", note.version()));
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
