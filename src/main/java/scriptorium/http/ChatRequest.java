package scriptorium.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import scriptorium.events.Mode;
import scriptorium.run.RunRequest;

/** Reads and validates a chat request body (PROTOCOL §1): every refusal names the field, before any stream. */
final class ChatRequest {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_MESSAGE_CHARS = 10_000;
    private static final int MAX_CONTEXT_IDS = 50;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private ChatRequest() {}

    /** @param owner the caller's user id: the run is theirs */
    static RunRequest parse(InputStream body, String owner) {
        JsonNode json = readJson(body);
        String message = message(json.get("message"));
        Mode mode = mode(json.get("mode"));
        String sessionId = optionalId(json, "session_id");
        String conversationId = optionalId(json, "conversation_id");
        if (sessionId != null && conversationId != null && !sessionId.equals(conversationId)) {
            throw ApiException.badRequest("invalid_field",
                    "session_id and conversation_id: both given and different (conversation_id is an alias)");
        }
        return new RunRequest(message, mode, sessionId != null ? sessionId : conversationId,
                contextIds(json.get("context_ids")), owner);
    }

    private static JsonNode readJson(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_body", "body: could not be read (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "body_too_large", "body: must be at most " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "body: not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "body: not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest("invalid_json", "body: must be a JSON object with a \"message\" field");
        }
        return json;
    }

    private static String message(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("invalid_field", "message: required");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_field", "message: must be a string");
        }
        String message = node.asText().strip();
        int length = message.codePointCount(0, message.length());
        if (length == 0 || length > MAX_MESSAGE_CHARS) {
            throw ApiException.badRequest("invalid_field",
                    "message: must be 1.." + MAX_MESSAGE_CHARS + " characters after trim (got " + length + ")");
        }
        return message;
    }

    private static Mode mode(JsonNode node) {
        if (node == null || node.isNull()) {
            return Mode.AUTO;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("invalid_field", "mode: must be a string");
        }
        return Mode.parse(node.asText()).orElseThrow(() -> ApiException.badRequest("invalid_field",
                "mode: must be one of auto, plume, mimir, discussion (got \"" + clip(node.asText()) + "\")"));
    }

    private static String optionalId(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !ID.matcher(node.asText()).matches()) {
            throw ApiException.badRequest("invalid_field",
                    field + ": must be a string of 1..64 letters, digits or . _ : -");
        }
        return node.asText();
    }

    private static List<String> contextIds(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_CONTEXT_IDS) {
            throw ApiException.badRequest("invalid_field",
                    "context_ids: must be an array of at most " + MAX_CONTEXT_IDS + " note ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : node) {
            if (!id.isTextual() || !ID.matcher(id.asText()).matches()) {
                throw ApiException.badRequest("invalid_field",
                        "context_ids: each must be a string of 1..64 letters, digits or . _ : -");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
