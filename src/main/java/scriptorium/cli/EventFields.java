package scriptorium.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One event's scalar fields by dotted path ({@code "type"}, {@code "result.tokens_used"}), read with Jackson's
 * streaming parser: what {@code chat} prints needs no tree, and an {@code ObjectMapper} costs a short command more
 * than the rest of its work (docs/benchmarks.md). Arrays are skipped; a missing field reads as empty or zero.
 */
record EventFields(Map<String, String> fields) {

    static EventFields read(JsonFactory json, String event) throws IOException {
        var fields = new HashMap<String, String>();
        try (JsonParser parser = json.createParser(event)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                object(parser, "", fields);
            }
        }
        return new EventFields(fields);
    }

    private static void object(JsonParser parser, String prefix, Map<String, String> fields) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                object(parser, name + ".", fields);
            } else if (value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                fields.put(name, parser.getText());
            }
        }
    }

    /** The field's text (a number or boolean as written), or {@code ""}. */
    String text(String path) {
        return fields.getOrDefault(path, "");
    }

    /** The field as a whole number, or 0. */
    long number(String path) {
        try {
            return Long.parseLong(text(path));
        } catch (NumberFormatException e) {
            return 0; // absent or not a whole number: as JsonNode.asLong() read it
        }
    }

    /** The field as a decimal number, or 0. */
    double decimal(String path) {
        try {
            return Double.parseDouble(text(path));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
