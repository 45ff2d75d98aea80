package scriptorium.knowledge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** For the benchmark only: embeds each text once, so that a second search of a query times Lucene alone. */
final class CachingEmbedder implements Embedder {

    private final Embedder real;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    CachingEmbedder(Embedder real) {
        this.real = real;
    }

    @Override
    public float[] embed(String text) {
        return vectors.computeIfAbsent(text, real::embed);
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
