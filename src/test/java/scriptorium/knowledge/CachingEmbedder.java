package scriptorium.knowledge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** For the benchmark only: embeds each text once, so that a second search of a query times Lucene alone. */
final class CachingEmbedder extends ForwardingEmbedder {

    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    CachingEmbedder(Embedder real) {
        super(real);
    }

    @Override
    public float[] embed(String text) {
        return vectors.computeIfAbsent(text, real::embed);
    }
}
