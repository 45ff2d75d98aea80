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

    /** Names the model: the index is rebuilt when it changes, since vectors of two models do not compare. */
    String modelId();

    @Override
    void close();
}
