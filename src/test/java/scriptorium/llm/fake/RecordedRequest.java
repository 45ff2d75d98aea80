package scriptorium.llm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A request a fake provider received: its path, headers (lower-case names, first value) and JSON body. */
public record RecordedRequest(String method, String path, Map<String, String> headers, JsonNode body) {
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
