package scriptorium.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one tool call. Strict: a missing, mistyped or out-of-range argument is a {@link ToolRefusal} that
 * names it and the rule, never a value quietly clamped. A whole number sent as a string ("10") is read, as models
 * often send them so.
 */
record Arguments(Map<String, Object> values) {

    Arguments {
        values = values == null ? Map.of() : values;
    }

    String text(String name) {
        String value = optionalText(name);
        if (value == null || value.isBlank()) {
            throw new ToolRefusal(name + ": required, a non-empty string");
        }
        return value;
    }

    /** Null when absent. */
    String optionalText(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new ToolRefusal(name + ": must be a string");
        }
        return text;
    }

    int integer(String name, int fallback, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        long number;
        try {
            number = switch (value) {
                case Integer i -> i;
                case Long l -> l;
                case Number n when n.doubleValue() == Math.rint(n.doubleValue()) -> n.longValue();
                case String s -> Long.parseLong(s.strip());
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException e) {
            throw new ToolRefusal(name + ": must be a whole number from " + min + " to " + max + ", got " + value);
        }
        if (number < min || number > max) {
            throw new ToolRefusal(name + ": must be from " + min + " to " + max + ", got " + number);
        }
        return (int) number;
    }

    /** Null when absent. */
    List<String> textList(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new ToolRefusal(name + ": must be an array of strings");
        }
        List<String> items = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw new ToolRefusal(name + ": must be an array of strings");
            }
            items.add(text);
        }
        return items;
    }
}
