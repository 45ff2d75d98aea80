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
            String id = note.path("note_id").asText();
            out.append(rank++).append(". **").append(note.path("title").asText()).append("** ")
                    .append(cite(id, quote(note.path("snippet").asText("")))).append("\n");
        }
        return out.toString();
    }

    /**
     * The citation of a note (PROTOCOL §7: {@code [note:ID "quote"]}), as the prompts ask every model to write it.
     * Written here, as {@code knowledge.Citation} reads it (llm must not import knowledge): ArchiveReplyTest parses
     * what this writes with {@code Citation.parse}.
     */
    static String cite(String noteId, String quote) {
        return quote.isEmpty() ? "[note:" + noteId + "]" : "[note:" + noteId + " \"" + quote + "\"]";
    }

    /**
     * The longest passage of a search snippet, word for word from the note: without the bold marks of matched
     * words, and without a word an ellipsis may have cut in two, so that the quotation checks as found.
     */
    static String quote(String snippet) {
        String best = "";
        String[] passages = snippet.replace("**", "").split("…", -1);
        for (int i = 0; i < passages.length; i++) {
            String passage = passages[i].replace('"', '\'').replaceAll("\\s+", " ").strip();
            if (i < passages.length - 1 && passage.contains(" ")) {
                passage = passage.substring(0, passage.lastIndexOf(' ')).strip(); // the cut may split a word
            }
            if (passage.length() > best.length()) {
                best = passage;
            }
        }
        return best;
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
        String cited = cite(note.path("note_id").asText(), "");
        return lang.say("Note enregistrée : **" + note.path("title").asText() + "** " + cited + ".",
                "Note saved: **" + note.path("title").asText() + "** " + cited + ".");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode(); // a tool's plain-text answer: read as "nothing structured found"
        }
    }
}
