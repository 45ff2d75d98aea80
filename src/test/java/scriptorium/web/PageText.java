package scriptorium.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import scriptorium.testing.TestServer;

/** What the server stored, to compare with what the page shows. */
final class PageText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PageText() {}

    /**
     * Text with Markdown marks and all whitespace removed: the page shows Markdown rendered, the store keeps
     * the source, and both must hold the same words in the same order, once. List numbers ("1. ") are
     * rendered by the list, not as text. A citation ({@code [note:ID "quote"]}) reads on the page as its quote, a
     * "source" link and a badge (✓, or a warning): both sides are brought to the quote and the link.
     */
    static String normalise(String text) {
        return text.replaceAll("\\[note:\\s*([^\\s\\]\"]+)(?:\\s+\"([^\"]*)\")?\\s*]", "$2 source")
                .replaceAll("✓|⚠ unverified: (not found in the note|the note changed since it was read|no such note)", "")
                .replaceAll("(?m)^\\s*\\d+\\.\\s", "").replaceAll("[#*_`>\\-]", "").replaceAll("\\s+", "");
    }

    /** The agents' messages of a conversation's last run: author, to, content. */
    static List<JsonNode> storedAgentMessages(TestServer server, String sessionId) {
        JsonNode conversation = json(server.get("/api/v1/conversations/" + sessionId).body());
        String lastRun = null;
        for (JsonNode message : conversation.get("messages")) {
            lastRun = message.get("run_id").asText();
        }
        var messages = new ArrayList<JsonNode>();
        for (JsonNode message : conversation.get("messages")) {
            if (message.get("run_id").asText().equals(lastRun) && !message.get("kind").asText().equals("question")) {
                messages.add(message);
            }
        }
        return messages;
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
