package scriptorium.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import scriptorium.json.Jackson;

/** The JSON of tool results: objects keep the order their fields are written in, so a client reads them as built. */
final class ToolJson {

    private ToolJson() {}

    /** {@code fields("a", 1, "b", 2)}: an ordered object. */
    static Map<String, Object> fields(Object... namesAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static String write(Object value) {
        try {
            return Jackson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool results are maps, lists and scalars: " + e.getMessage(), e);
        }
    }
}
