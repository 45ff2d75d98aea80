package scriptorium.knowledge;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@link StaticEmbedder} while its table loads on a thread of its own (most of the archive's opening at start,
 * issue 16): the server listens meanwhile, and what needs a vector (a search, a write, the index's catching up)
 * waits for the table; its model id and use, all the index checks at opening, come from the table's header.
 */
final class LoadingEmbedder implements Embedder {

    private final String modelId = StaticEmbedder.modelIdFromClassPath();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("embedding-table").daemon().factory());
    private final Future<StaticEmbedder> table = loader.submit(StaticEmbedder::fromClassPath);

    LoadingEmbedder() {
        loader.shutdown(); // its one task runs to the end, then its thread ends
    }

    private StaticEmbedder loaded() {
        try {
            return table.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the embedding table did not load", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedding table loaded", e);
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
        loader.shutdownNow(); // the table is shared by the process: nothing else to release
    }
}
