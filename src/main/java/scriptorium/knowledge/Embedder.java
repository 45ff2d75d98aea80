package scriptorium.knowledge;

import java.util.List;

/**
 * Turns text into a vector whose dot product with another measures how close their meanings are.
 *
 * <p>Blocks the calling thread while it computes (CPU bound, a few milliseconds for a sentence). Thread-safe.
 * Vectors are unit length and always {@link #dimension()} long. Throws {@link IllegalStateException} if the
 * model cannot run; nothing here touches the network.
 */
public interface Embedder extends AutoCloseable {

    float[] embed(String text);

    /**
     * The vectors of {@code texts}, in their order: what {@link #embed} gives for each, computed on as many cores
     * as the implementation has. Interrupting the caller stops it with an {@link IllegalStateException}.
     */
    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    int dimension();

    /** How the archive uses this model's vectors. */
    Use use();

    /**
     * How the archive uses a model's vectors, which depends on what the model costs and how it spreads texts.
     *
     * @param noteWords     how many words of a note's content the model reads after its title: all of them
     *                      ({@link #WHOLE}) unless reading costs too much. Part of what a kept vector was computed
     *                      from, so changing it makes kept vectors stale
     * @param relatedCosine how close (cosine) a note must be to a query to count as found by meaning: nearest
     *                      neighbours always exist, and without a floor "nothing found" could never be said. Each
     *                      model spreads unrelated texts differently
     * @param worthKeeping  whether a note's vector is kept in the database for the next rebuild of the index:
     *                      when computing it again costs more than writing it and reading it back
     */
    record Use(int noteWords, double relatedCosine, boolean worthKeeping) {

        public static final int WHOLE = Integer.MAX_VALUE;

        public Use {
            if (noteWords < 1) {
                throw new IllegalArgumentException("noteWords: must be 1 or more");
            }
            if (relatedCosine < -1 || relatedCosine > 1) {
                throw new IllegalArgumentException("relatedCosine: must be in -1..1");
            }
        }
    }

    /** Names the model: the index is rebuilt when it changes, since vectors of two models do not compare. */
    String modelId();

    @Override
    void close();
}
