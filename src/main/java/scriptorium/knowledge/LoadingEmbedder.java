package scriptorium.knowledge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The {@link StaticEmbedder} while its table loads on a thread of its own (most of the archive's opening at start,
 * issue 16): the server listens meanwhile, and what needs a vector (a search, a write, the index's catching up)
 * waits for the table; its model id and use, all the index checks at opening, come from the table's header.
 */
final class LoadingEmbedder implements Embedder {

    private final String modelId = StaticEmbedder.modelIdFromClassPath();
    private final CompletableFuture<StaticEmbedder> table;

    /** @param on where the table loads (the archive's opening: a thread of its own) */
    LoadingEmbedder(Executor on) {
        table = CompletableFuture.supplyAsync(StaticEmbedder::fromClassPath, on);
    }

    private StaticEmbedder loaded() {
        try {
            return table.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the embedding table did not load", e.getCause());
        }
    }

    @Override
    public float[] embed(String text) {
        return loaded().embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return loaded().embedAll(texts);
    }

    @Override
    public int dimension() {
        return loaded().dimension();
    }

    @Override
    public Use use() {
        return StaticEmbedder.USE;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public void close() {
        // The table is shared by the process: nothing to release.
    }
}
