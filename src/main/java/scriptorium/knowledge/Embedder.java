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

    /**
     * How many words of a note's content the model reads after its title: every one unless reading costs too
     * much. Part of what a kept vector was computed from, so changing it makes kept vectors stale.
     */
    default int noteWords() {
        return Integer.MAX_VALUE;
    }

    /**
     * How close (cosine) a note must be to a query to count as found by meaning: nearest neighbours always exist,
     * and without a floor "nothing found" could never be said. Each model spreads unrelated texts differently.
     */
    double relatedCosine();

    /**
     * Whether a note's vector is worth keeping in the database for the next rebuild of the index: true when
     * computing it again costs more than writing it and reading it back.
     */
    default boolean worthKeeping() {
        return true;
    }

    /** Names the model: the index is rebuilt when it changes, since vectors of two models do not compare. */
    String modelId();

    @Override
    void close();
}
