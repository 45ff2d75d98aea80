package scriptorium.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A static embedding distilled from MiniLM (the Model2Vec method, by the build: the test class StaticDistiller): a text's vector is the
 * sum of its word pieces' vectors from a table, each piece's vector being what MiniLM says of that piece alone,
 * centred and weighted down the more common the piece is. No context, so less precise than MiniLM on a sentence,
 * but a whole note of 300 words costs about 0.1 ms of one core instead of 33 ms for its first 32 words: every
 * word of a note counts. Same word pieces, and so the same languages, as MiniLM: English best, French less well.
 *
 * <p>The table is built from the MiniLM model when the jar is built ({@code process-classes}: 10 s of MiniLM and
 * 15 s of arithmetic on 2 cores) and read from the class path at first use (about 0.2 s, 12 MiB of heap).
 * Thread-safe; nothing here touches the network.
 */
public final class StaticEmbedder implements Embedder {

    /** Where the build puts the table, under the classes. */
    static final String RESOURCE = "/scriptorium/knowledge/minilm-static.bin";

    private final StaticTable table;
    private final WordPieces pieces;

    StaticEmbedder(StaticTable table) {
        this.table = table;
        this.pieces = new WordPieces(table.ids(), stopWords());
    }

    /**
     * Stop words are left out: with no context to tell them apart, "de", "les" or "the" would pull every French or
     * English text towards every other (SIF weights lower them, but French ones rank too far down MiniLM's English
     * vocabulary to be lowered enough). On the retrieval set, leaving them out raised vectors-alone recall@10 (with a
     * 0.3 floor) from 0.61 to 0.67.
     */
    private static java.util.Set<String> stopWords() {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (Object word : NoteAnalyzer.STOP_WORDS) {
            words.add(word instanceof char[] chars ? new String(chars) : word.toString());
        }
        return words;
    }

    /**
     * The table the build distilled, read once per process (about 0.2 s) and shared, as MiniLM's model is: it is
     * immutable, and tests and tools open many archives in one process. {@link IllegalStateException} if this
     * class path has none.
     */
    public static StaticEmbedder fromClassPath() {
        return Shared.EMBEDDER;
    }

    private static final class Shared {
        static final StaticEmbedder EMBEDDER = load();
    }

    /** {@link #modelId()} read from the table's header alone (a few bytes), before or while the table loads. */
    static String modelIdFromClassPath() {
        try (InputStream in = StaticEmbedder.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: build with ./mvnw package");
            }
            return modelId(StaticTable.readRecipe(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the static embedding " + RESOURCE, e);
        }
    }

    private static String modelId(String recipe) {
        return recipe + "/stop-fr-en";
    }

    private static StaticEmbedder load() {
        try (InputStream in = StaticEmbedder.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: build with ./mvnw package"
                        + " (its process-classes phase distils it from MiniLM)");
            }
            return new StaticEmbedder(StaticTable.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the static embedding " + RESOURCE, e);
        }
    }

    StaticTable table() {
        return table;
    }

    @Override
    public float[] embed(String text) {
        float[] vector = new float[table.dimension()];
        pieces.pieces(text, id -> table.addRow(id, vector));
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        if (sum == 0) {
            vector[0] = 1;          // no known piece: any unit vector, as MiniLM gives one for a blank text
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /**
     * Every word of a note: that is what this embedding is for. The floor: texts sharing no meaning still share
     * some pieces, so unrelated notes score higher here than with MiniLM: on the retrieval set, 1 query-note pair
     * in 240 that does not answer the query scores 0.50 or more, the rate MiniLM's floor of 0.45 lets through there
     * (while half of the answering pairs score 0.43 or more). Vectors are not kept: one costs about 0.1 ms to
     * compute again, while keeping it means a 1.5 KiB row written by the database's one writer at every import,
     * and read back at every rebuild (the database is already a quarter of an import's CPU).
     */
    @Override
    public Use use() {
        return USE;
    }

    static final Use USE = new Use(Use.WHOLE, 0.50, false);

    @Override
    public int dimension() {
        return table.dimension();
    }

    @Override
    public String modelId() {
        return modelId(table.recipe());
    }

    @Override
    public void close() {
        // Nothing to release: a table on the heap.
    }
}
