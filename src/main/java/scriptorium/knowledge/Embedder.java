package scriptorium.knowledge;

/**
 * Turns text into a vector whose dot product with another measures how close their meanings are.
 *
 * <p>Blocks the calling thread while it computes (CPU bound, a few milliseconds for a sentence). Thread-safe.
 * Vectors are unit length and always {@link #dimension()} long. Throws {@link IllegalStateException} if the
 * model cannot run; nothing here touches the network.
 */
public interface Embedder extends AutoCloseable {

    float[] embed(String text);

    int dimension();

    /** Names the model: the index is rebuilt when it changes, since vectors of two models do not compare. */
    String modelId();

    @Override
    void close();
}
