package scriptorium.knowledge;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** For tests: the real embedder, counting the texts it is asked to embed. */
final class CountingEmbedder extends ForwardingEmbedder {

    final AtomicInteger texts = new AtomicInteger();

    CountingEmbedder(Embedder real) {
        super(real);
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
}
