package scriptorium.knowledge;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The quantized all-MiniLM-L6-v2 sentence model (384 dimensions), run in process by ONNX Runtime from the
 * LangChain4j jar: no network, no key. Loads in about a second; one instance serves the whole server.
 * English-trained: French text still embeds, less precisely, which is why BM25 carries half the ranking.
 */
public final class MiniLmEmbedder implements Embedder {

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    /** @param cacheDir where the tokenizer's native library may be unpacked if DJL has no cache folder yet */
    public MiniLmEmbedder(Path cacheDir) {
        // DJL unpacks its tokenizer library under ~/.djl.ai unless told otherwise; a server whose home is not
        // writable (a container user) would fail at the first embedding, so point it under the data folder.
        // DJL reads only this global property or the environment: there is no per-instance option.
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null
                && !Files.isWritable(Path.of(System.getProperty("user.home")))) {
            System.setProperty("DJL_CACHE_DIR", cacheDir.toAbsolutePath().toString());
        }
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    @Override
    public float[] embed(String text) {
        float[] vector = model.embed(text.isBlank() ? "-" : text).content().vector();
        normalize(vector);
        return vector;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public String modelId() {
        return "all-minilm-l6-v2-q";
    }

    @Override
    public void close() {
        // The ONNX session lives as long as the class loader; LangChain4j gives no handle to release it.
    }

    /** LangChain4j already returns unit vectors; normalising again keeps the dot-product contract if that changes. */
    private static void normalize(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        if (sum == 0) {
            vector[0] = 1;
            return;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
    }
}
