package scriptorium.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.json.Jackson;

/**
 * Distils MiniLM into a {@link StaticTable}, as Model2Vec does (Tulkens and van Dongen, 2024): every word piece of
 * the vocabulary goes through MiniLM once, alone between {@code [CLS]} and {@code [SEP]}; the mean of all pieces'
 * vectors is subtracted (MiniLM's vectors share a large common direction, which would make any two averages look
 * alike); then each piece is weighted by smooth inverse frequency, {@code a / (a + p)}, with {@code p} from Zipf's
 * law over the piece's rank, since the vocabulary lists pieces from the most to the least frequent. Model2Vec
 * also reduces the dimensions by PCA; this keeps all 384 but removes the 10 main directions
 * ({@link #COMMON_DIRECTIONS}), which carry what pieces share rather than what they mean.
 *
 * <p>Run by the build ({@code process-classes}, about 25 s on 2 cores: 10 s of MiniLM, 15 s of power iterations),
 * not at first start: a user then gets a jar whose search is ready at once, with no step that a server start
 * (or each test's fresh data folder) would wait for, and the table is a pure function of the model file in the
 * jar, like compiled code. {@code java ... StaticDistiller OUTPUT} skips the work when OUTPUT already holds this
 * recipe.
 */
public final class StaticDistiller {

    private static final Logger log = LoggerFactory.getLogger(StaticDistiller.class);
    /** Bump when anything below changes what the table holds: indexes and kept vectors are then rebuilt. */
    static final String RECIPE = "minilm-static-1/sif-1e-4/top-10";
    /**
     * Main directions removed after centring ("all-but-the-top", Mu and Viswanath, 2018): what most pieces share
     * (position, language, frequency) rather than meaning. On the retrieval set with a 0.45 floor, the hybrid's
     * nDCG@10 was 0.775, 0.782 and 0.784 with 2, 5 and 10 removed; vectors alone stayed within 0.02 of none
     * removed (docs/benchmarks.md).
     */
    private static final int COMMON_DIRECTIONS = 10;
    /** Model2Vec's default: pieces among the ~900 most frequent weigh less than half. */
    private static final double SIF = 1e-4;
    /** The vocabulary's first real word ("the"); before it come special, unused and single-character pieces. */
    private static final int FIRST_WORD = 1996;
    private static final int BATCH = 64;
    private static final long CLS = 101;
    private static final long SEP = 102;

    private StaticDistiller() {}

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args[0]);
        if (Files.exists(output) && upToDate(output)) {
            log.info("static embedding: {} is up to date ({})", output, RECIPE);
            return;
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        StaticTable table;
        try (var miniLm = new MiniLmEmbedder(output.toAbsolutePath().getParent())) {
            table = distil(miniLm, Runtime.getRuntime().availableProcessors());
        }
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            table.write(out);
        }
        Files.move(partial, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        log.info("static embedding: wrote {} ({} KiB)", output, Files.size(output) / 1024);
    }

    /** The table, logging progress: every piece through MiniLM on {@code threads} threads. */
    static StaticTable distil(MiniLmEmbedder miniLm, int threads) {
        List<String> vocabulary = vocabulary();
        long started = System.nanoTime();
        float[][] vectors = pieceVectors(miniLm, threads, vocabulary);
        List<Integer> real = realPieces(vocabulary);
        centreAndWeigh(vectors, real);
        log.info("static embedding: {} pieces distilled in {} s", real.size(),
                (System.nanoTime() - started) / 1_000_000_000);
        return StaticTable.quantize(RECIPE, vocabulary, vectors);
    }

    /** The pieces a text can give: special and unused ones never come out of a text ([UNK] does, meaning nothing). */
    static List<Integer> realPieces(List<String> vocabulary) {
        List<Integer> real = new ArrayList<>();
        for (int id = 0; id < vocabulary.size(); id++) {
            String piece = vocabulary.get(id);
            if (!(piece.startsWith("[") && piece.endsWith("]"))) {
                real.add(id);
            }
        }
        return real;
    }

    /** What MiniLM says of each real piece alone; zeros for the others. */
    static float[][] pieceVectors(MiniLmEmbedder miniLm, int threads, List<String> vocabulary) {
        long started = System.nanoTime();
        float[][] vectors = new float[vocabulary.size()][];
        Arrays.setAll(vectors, id -> new float[miniLm.dimension()]);
        List<Integer> real = realPieces(vocabulary);
        log.info("static embedding: distilling {} word pieces through MiniLM on {} thread(s)", real.size(), threads);
        try (ExecutorService workers = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("distil-", 1).factory())) {
            List<Future<float[][]>> batches = new ArrayList<>();
            for (int from = 0; from < real.size(); from += BATCH) {
                List<Integer> ids = real.subList(from, Math.min(from + BATCH, real.size()));
                batches.add(workers.submit(() -> miniLm.meanOfPieces(ids.stream()
                        .map(id -> new long[] {CLS, id, SEP}).toArray(long[][]::new))));
            }
            int done = 0;
            for (int b = 0; b < batches.size(); b++) {
                for (float[] mean : batches.get(b).get()) {
                    vectors[real.get(done++)] = mean;
                }
                if ((b + 1) % Math.max(1, batches.size() / 10) == 0) {
                    log.info("static embedding: {} / {} pieces, {} s", done, real.size(),
                            (System.nanoTime() - started) / 1_000_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while distilling", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("MiniLM failed while distilling", e.getCause());
        }
        return vectors;
    }

    /**
     * Subtracts the mean of the real pieces and their {@link #COMMON_DIRECTIONS} main directions, then weighs each
     * piece by smooth inverse frequency.
     */
    static void centreAndWeigh(float[][] vectors, List<Integer> real) {
        int dimension = vectors[real.getFirst()].length;
        double[] mean = new double[dimension];
        for (int id : real) {
            for (int i = 0; i < dimension; i++) {
                mean[i] += vectors[id][i] / real.size();
            }
        }
        for (int id : real) {
            for (int i = 0; i < dimension; i++) {
                vectors[id][i] -= (float) mean[i];
            }
        }
        for (int k = 0; k < COMMON_DIRECTIONS; k++) {
            remove(mainDirection(vectors, real, k), vectors, real);
        }
        int ranks = vectors.length - FIRST_WORD + 1;
        double harmonic = 0;
        for (int rank = 1; rank <= ranks; rank++) {
            harmonic += 1.0 / rank;
        }
        for (int id : real) {
            // Single characters (before the first word) are punctuation and letters: as frequent as "the".
            int rank = Math.max(1, id - FIRST_WORD + 1);
            double p = 1.0 / rank / harmonic;
            float weight = (float) (SIF / (SIF + p));
            for (int i = 0; i < dimension; i++) {
                vectors[id][i] *= weight;
            }
        }
    }

    /**
     * The direction along which the (centred) pieces vary most, by power iteration: 50 rounds from a fixed start,
     * so that two builds give the same table.
     */
    private static double[] mainDirection(float[][] vectors, List<Integer> real, int k) {
        int dimension = vectors[real.getFirst()].length;
        double[] direction = new double[dimension];
        Arrays.fill(direction, 1 / Math.sqrt(dimension));
        direction[k % dimension] += 0.1;
        for (int round = 0; round < 50; round++) {
            double[] next = new double[dimension];
            for (int id : real) {
                double along = dot(vectors[id], direction);
                for (int i = 0; i < dimension; i++) {
                    next[i] += along * vectors[id][i];
                }
            }
            double norm = Math.sqrt(Arrays.stream(next).map(x -> x * x).sum());
            for (int i = 0; i < dimension; i++) {
                direction[i] = next[i] / norm;
            }
        }
        return direction;
    }

    private static void remove(double[] direction, float[][] vectors, List<Integer> real) {
        for (int id : real) {
            double along = dot(vectors[id], direction);
            for (int i = 0; i < direction.length; i++) {
                vectors[id][i] -= (float) (along * direction[i]);
            }
        }
    }

    private static double dot(float[] vector, double[] direction) {
        double sum = 0;
        for (int i = 0; i < direction.length; i++) {
            sum += vector[i] * direction[i];
        }
        return sum;
    }

    /** MiniLM's word pieces by id, from the tokenizer file in its jar. */
    static List<String> vocabulary() {
        try (InputStream in = MiniLmEmbedder.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            if (in == null) {
                throw new IllegalStateException("the MiniLM tokenizer is not on the class path");
            }
            JsonNode vocab = Jackson.MAPPER.readTree(in).path("model").path("vocab");
            String[] pieces = new String[vocab.size()];
            vocab.properties().forEach(entry -> pieces[entry.getValue().asInt()] = entry.getKey());
            return Arrays.asList(pieces);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the MiniLM tokenizer", e);
        }
    }

    private static boolean upToDate(Path output) {
        try (InputStream in = Files.newInputStream(output)) {
            return StaticTable.read(in).recipe().equals(RECIPE);
        } catch (IOException e) {
            log.info("static embedding: {} unreadable ({}), distilling again", output, e.toString());
            return false;
        }
    }
}
