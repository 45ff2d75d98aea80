package scriptorium.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import scriptorium.json.Jackson;

/** The one JSON mapper of the HTTP layer, and the error body every refusal uses. */
public final class Json {

    public static final ObjectMapper MAPPER = Jackson.MAPPER;

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"error": {"code": ..., "message": ...}}} (PROTOCOL §1). */
    public static String error(String code, String message) {
        ObjectNode body = object();
        body.putObject("error").put("code", code).put("message", message);
        return body.toString();
    }
}
