package scriptorium.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one tool call, as the model sent them (parsed JSON). Lenient on shapes models get wrong
 * ("10" for 10, a comma-separated string for a list); strict on what is missing, with a message the model can act on.
 */
record ToolArguments(String tool, Map<String, Object> values) {

    String required(String name) {
        String value = optional(name);
        if (value == null || value.isBlank()) {
            throw new ToolException(tool + ": argument '" + name + "' is required");
        }
        return value;
    }

    /** Null when absent. */
    String optional(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    int integer(String name, int fallback, int min, int max) {
        Object value = values.get(name);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            long number = value instanceof Number n ? n.longValue() : Math.round(Double.parseDouble(value.toString()));
            return (int) Math.max(min, Math.min(max, number));
        } catch (NumberFormatException e) {
            throw new ToolException(tool + ": argument '" + name + "' must be a number, got " + value, e);
        }
    }

    /** Null when absent. */
    List<String> list(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item)));
        } else {
            for (String item : value.toString().split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }
}
