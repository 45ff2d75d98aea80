package scriptorium.llm.stream;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A response's header fields in the order they came, names lower-cased (HTTP names are case-insensitive). */
public record Headers(List<Field> fields) {

    /** One header line. */
    public record Field(String name, String value) {
        public Field {
            name = name.toLowerCase(Locale.ROOT);
        }
    }

    public Headers {
        fields = List.copyOf(fields);
    }

    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("namesAndValues: a value for every name");
        }
        Field[] fields = new Field[namesAndValues.length / 2];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new Field(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        }
        return new Headers(List.of(fields));
    }

    /** The first value of {@code name}, if the response has it. */
    public Optional<String> first(String name) {
        for (Field field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** Whether some value of {@code name}, a comma-separated list, holds {@code token} (case-insensitive). */
    boolean has(String name, String token) {
        for (Field field : fields) {
            if (field.name().equals(name)) {
                for (String item : field.value().split(",")) {
                    if (item.trim().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
