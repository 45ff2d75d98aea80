package scriptorium.knowledge;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** For tests: the real embedder, counting the texts it is asked to embed. */
final class CountingEmbedder implements Embedder {

    final AtomicInteger texts = new AtomicInteger();
    private final Embedder real;

    CountingEmbedder(Embedder real) {
        this.real = real;
    }

    @Override
    public float[] embed(String text) {
        texts.incrementAndGet();
        return real.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> all) {
        texts.addAndGet(all.size());
        return real.embedAll(all);
    }

    @Override
    public int dimension() {
        return real.dimension();
    }

    @Override
    public String modelId() {
        return real.modelId();
    }

    @Override
    public void close() {
        real.close();
    }
}
