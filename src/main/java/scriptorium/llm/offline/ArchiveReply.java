package scriptorium.llm.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import scriptorium.json.Jackson;

/**
 * Mimir's words over what the knowledge tools returned. Their content is JSON:
 * {@code {"query": "...", "results": [{"note_id", "title", "snippet", "score", "tags"}]}} for a search,
 * {@code {"note_id", "title", "version"}} for a saved note.
 */
final class ArchiveReply {

    private static final ObjectMapper JSON = Jackson.MAPPER;

    private ArchiveReply() {}

    static String results(String toolContent, Language lang) {
        JsonNode root = parse(toolContent);
        String query = root.path("query").asText("");
        JsonNode results = root.path("results");
        if (results.isEmpty()) {
            return lang.say("Je n'ai rien trouvé dans l'archive pour « " + query + " ».",
                    "I found nothing in the archive for “" + query + "”.");
        }
        var out = new StringBuilder(lang.say(
                "J'ai trouvé " + results.size() + " note(s) pour « " + query + " » :\n\n",
                "I found " + results.size() + " note(s) for “" + query + "”:\n\n"));
        int rank = 1;
        for (JsonNode note : results) {
            out.append(rank++).append(". **").append(note.path("title").asText()).append("** (`")
                    .append(note.path("note_id").asText()).append("`)\n");
            String snippet = note.path("snippet").asText("").replaceAll("\\s+", " ").strip();
            if (!snippet.isEmpty()) {
                out.append("   > ").append(snippet).append("\n");
            }
        }
        return out.toString();
    }

    static String emptyArchive(String query, Language lang) {
        return lang.say("Je n'ai rien trouvé : l'archive ne contient encore aucune note consultable"
                        + " (recherche tentée : « " + query + " »).",
                "I found nothing: the archive holds no searchable note yet (query tried: “" + query + "”).");
    }

    static String conclusion(String toolContent, Language lang) {
        int found = toolContent == null ? 0 : parse(toolContent).path("results").size();
        return found == 0
                ? lang.say("Conclusion : l'archive n'apporte rien de plus, ta restitution reste la seule base.",
                        "Conclusion: the archive adds nothing more, your restitution is the only basis.")
                : lang.say("Conclusion : ces " + found + " note(s) complètent ta restitution.",
                        "Conclusion: these " + found + " note(s) complete your restitution.");
    }

    static String saved(String toolContent, Language lang) {
        JsonNode note = parse(toolContent);
        return lang.say("Note enregistrée : **" + note.path("title").asText() + "** (`"
                        + note.path("note_id").asText() + "`).",
                "Note saved: **" + note.path("title").asText() + "** (`" + note.path("note_id").asText() + "`).");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode(); // a tool's plain-text answer: read as "nothing structured found"
        }
    }
}
