package scriptorium.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hand-judged retrieval test set of {@code src/test/resources/retrieval/}: personal notes in French and
 * English (tech, cooking, work, reading, daily life) and queries, each with the notes that answer it. A
 * {@link Kind#PARAPHRASE} query says what its note says in other words; a {@link Kind#KEYWORD} one uses its words.
 */
record RetrievalSet(Map<String, NoteDraft> notes, List<Query> queries) {

    private static final List<String> NOTE_FILES = List.of("notes-tech.md", "notes-cuisine.md",
            "notes-travail.md", "notes-lectures.md", "notes-vie.md");

    enum Kind { KEYWORD, PARAPHRASE }

    record Query(Kind kind, String language, String text, Set<String> relevant) {}

    static RetrievalSet load() {
        Map<String, NoteDraft> notes = new LinkedHashMap<>();
        for (String file : NOTE_FILES) {
            parseNotes(read(file), notes);
        }
        List<Query> queries = new ArrayList<>();
        for (String line : read("queries.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            Set<String> relevant = Set.copyOf(Arrays.asList(cells[3].strip().split(",")));
            if (!notes.keySet().containsAll(relevant)) {
                throw new IllegalStateException("unknown note in: " + line);
            }
            queries.add(new Query(Kind.valueOf(cells[0].toUpperCase(java.util.Locale.ROOT)), cells[1], cells[2],
                    relevant));
        }
        return new RetrievalSet(notes, List.copyOf(queries));
    }

    /** {@code === key | title | tag, tag} then the content, up to the next such line. */
    private static void parseNotes(String text, Map<String, NoteDraft> into) {
        for (String block : text.split("(?m)^=== ")) {
            if (block.isBlank()) {
                continue;
            }
            int end = block.indexOf('\n');
            String[] head = block.substring(0, end).split("\\|");
            List<String> tags = Arrays.stream(head[2].split(",")).map(String::strip).toList();
            into.put(head[0].strip(), new NoteDraft(head[1].strip(), block.substring(end + 1).strip(), tags));
        }
    }

    private static String read(String name) {
        try (InputStream in = RetrievalSet.class.getResourceAsStream("/retrieval/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
