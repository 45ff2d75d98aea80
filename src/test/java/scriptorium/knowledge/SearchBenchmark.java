package scriptorium.knowledge;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import scriptorium.config.Settings;
import scriptorium.store.Database;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.Note;
import scriptorium.store.NoteStore;
import scriptorium.store.TrashStore;

/**
 * The search benchmark of issue 3, apart from the test run (surefire only picks *Test classes):
 * {@code ./mvnw -B -o -Pbench test-compile exec:exec@search-benchmark}.
 *
 * <ol>
 *   <li>Imports {@code bench.notes} (10,000) generated Markdown files of ~300 words through {@link Importer}:
 *       database, MiniLM embeddings and Lucene, as {@code scriptorium import} does. Prints notes/s.</li>
 *   <li>Runs 1,000 generated queries (after 100 warm-up ones): p50/p95/p99 of the full hybrid search
 *       (query embedding, BM25, HNSW, fusion, highlighting). Then deletes the index and times its rebuild from the
 *       database, which kept the notes' vectors.</li>
 *   <li>Grows the archive to {@code bench.large} (100,000) notes and searches again, then reports memory.
 *       Embedding 90,000 more notes would take ~25 minutes on 2 cores, so their vectors are the real MiniLM
 *       vectors of step 1, reused in turn; text, BM25 and the HNSW graph are real and full size.
 *       Queries are always embedded for real.</li>
 * </ol>
 * Everything generated comes from one seed, so two runs index the same notes and ask the same queries.
 */
public final class SearchBenchmark {

    private static final long SEED = 42;

    public static void main(String[] args) throws IOException {
        String existing = System.getProperty("bench.data", "");
        if (!existing.isBlank()) {
            searchAgain(Path.of(existing));
            return;
        }
        int small = Integer.getInteger("bench.notes", 10_000);
        int large = Integer.getInteger("bench.large", 100_000);
        Path work = Files.createTempDirectory("scriptorium-bench");
        var text = new BenchText(new Random(SEED));
        List<String> rows = new ArrayList<>();

        Path vault = work.resolve("vault");
        Files.createDirectories(vault);
        for (int i = 0; i < small; i++) {
            Files.writeString(vault.resolve("note-" + i + ".md"), text.markdown(i), StandardCharsets.UTF_8);
        }
        var settings = Settings.from(Map.of("SCRIPTORIUM_DATA", work.resolve("data").toString()));
        try (Database database = Database.open(settings.store());
             var embedder = new RecordingEmbedder(new MiniLmEmbedder(work.resolve("djl")))) {
            var store = new NoteStore(database.dataSource());
            var embeddings = new EmbeddingStore(database.dataSource());
            try (var index = LuceneSearchIndex.open(work.resolve("data/index"), embedder, store, embeddings)) {
                var notes = new NoteService(store, new TrashStore(database.dataSource()), index, Clock.systemUTC(),
                        scriptorium.store.UserStore.LOCAL_OWNER);
                long started = System.nanoTime();
                long cpu = processCpuNanos();
                ImportReport report = new Importer(notes).run(vault, new Progress(System.err));
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuMs = (processCpuNanos() - cpu) / 1e6 / report.imported();
                rows.add(row("import + index with embeddings", report.imported() + " notes",
                        String.format("%.1f s", seconds), String.format("%.0f notes/s (CPU %.1f ms per note)",
                                report.imported() / seconds, cpuMs)));
                rows.add(latency("search at " + index.size() + " notes", notes, text));
            }
            rows.add(rebuild(work.resolve("data/index"), embedder, store, embeddings));
            // Step 3: the remaining notes through the same service, vectors reused (see the class comment).
            embedder.replay();
            try (var index = LuceneSearchIndex.open(work.resolve("data/index"), embedder, store, embeddings)) {
                var notes = new NoteService(store, new TrashStore(database.dataSource()), index, Clock.systemUTC(),
                        scriptorium.store.UserStore.LOCAL_OWNER);
                long started = System.nanoTime();
                for (int from = small; from < large; from += 500) {
                    List<NoteDraft> batch = new ArrayList<>();
                    for (int i = from; i < Math.min(from + 500, large); i++) {
                        batch.add(text.draft(i));
                    }
                    notes.createAll(batch, Note.Source.IMPORT);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                rows.add(row("index, vectors reused (BM25 + HNSW)", (large - small) + " notes",
                        String.format("%.1f s", seconds), String.format("%.0f notes/s", (large - small) / seconds)));
                rows.add(latency("search at " + index.size() + " notes", notes, text));
                rows.add(memory(work.resolve("data/index"), index.size()));
            }
        }
        System.out.println();
        System.out.println("| measure | size | time | result | load avg |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("JVM " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, data in " + work);
    }

    /**
     * {@code -Dbench.data=FOLDER}: searches the archive an earlier run left in FOLDER again, without rebuilding
     * it, and times the query embedding alone, so that what Lucene costs can be told apart.
     */
    private static void searchAgain(Path work) throws IOException {
        var text = new BenchText(new Random(SEED));
        var settings = Settings.from(Map.of("SCRIPTORIUM_DATA", work.resolve("data").toString()));
        List<String> rows = new ArrayList<>();
        try (Database database = Database.open(settings.store());
             var embedder = new CachingEmbedder(new MiniLmEmbedder(work.resolve("djl")));
             var index = LuceneSearchIndex.open(work.resolve("data/index"), embedder,
                     new NoteStore(database.dataSource()), new EmbeddingStore(database.dataSource()))) {
            var notes = new NoteService(new NoteStore(database.dataSource()), new TrashStore(database.dataSource()), index,
                    Clock.systemUTC(), scriptorium.store.UserStore.LOCAL_OWNER);
            rows.add(latency("full search at " + index.size() + " notes", notes, text));
            // The same queries again, each embedded once first (timed), then searched with its vector cached:
            // what is left is Lucene's part (BM25, HNSW, fusion, snippets), timed by the clock and by CPU time.
            var threads = ManagementFactory.getThreadMXBean();
            var random = new Random(SEED + 2);     // other queries than the full search's, so none is cached
            List<String> queries = new ArrayList<>();
            for (int i = 0; i < 1100; i++) {
                queries.add(text.query(random));
            }
            long[] embedding = new long[1000];
            long[] lucene = new long[1000];
            long[] luceneCpu = new long[1000];
            for (int i = 0; i < queries.size(); i++) {
                long started = System.nanoTime();
                embedder.embed(queries.get(i));
                embedding[Math.max(0, i - 100)] = System.nanoTime() - started;
            }
            for (int i = 0; i < queries.size(); i++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long started = System.nanoTime();
                notes.search(queries.get(i), 10);
                lucene[Math.max(0, i - 100)] = System.nanoTime() - started;
                luceneCpu[Math.max(0, i - 100)] = threads.getCurrentThreadCpuTime() - cpu;
            }
            rows.add(row("of which query embedding (MiniLM)", "1000 queries", percentiles(embedding), "wall clock"));
            rows.add(row("of which Lucene (BM25, HNSW, fusion, snippets)", "1000 queries", percentiles(lucene),
                    "CPU time: " + percentiles(luceneCpu)));
            rows.add(memory(work.resolve("data/index"), index.size()));
        }
        System.out.println("| measure | size | time | result | load avg |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Deletes the index folder and opens it again: rebuilt from the database, with the vectors it kept. */
    private static String rebuild(Path folder, Embedder embedder, NoteStore store, EmbeddingStore embeddings)
            throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        long started = System.nanoTime();
        try (var index = LuceneSearchIndex.open(folder, embedder, store, embeddings)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            return row("rebuild a deleted index (vectors kept in the database)", index.size() + " notes",
                    String.format("%.1f s", seconds), String.format("%.0f notes/s", index.size() / seconds));
        }
    }

    private static String percentiles(long[] nanos) {
        Arrays.sort(nanos);
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", ms(nanos[499]), ms(nanos[949]), ms(nanos[989]));
    }

    private static String latency(String what, NoteService notes, BenchText text) {
        var random = new Random(SEED + 1);
        for (int i = 0; i < 100; i++) {
            notes.search(text.query(random), 10);
        }
        long[] nanos = new long[1000];
        int found = 0;
        for (int i = 0; i < nanos.length; i++) {
            String query = text.query(random);
            long started = System.nanoTime();
            found += notes.search(query, 10).isEmpty() ? 0 : 1;
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return row(what, "1000 queries, limit 10", String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                ms(nanos[499]), ms(nanos[949]), ms(nanos[989])), found + " queries with results");
    }

    private static String memory(Path folder, int notes) throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long disk = 0;
        long vectors = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                long size = Files.size(file);
                disk += size;
                String name = file.getFileName().toString();
                if (name.endsWith(".vec") || name.endsWith(".vex") || name.endsWith(".vemf")) {
                    vectors += size;
                }
            }
        }
        return row("memory at " + notes + " notes", "whole JVM heap after GC: " + heap / (1 << 20) + " MiB",
                "index on disk (mmap, off heap): " + disk / (1 << 20) + " MiB",
                "of which vectors + HNSW graph: " + vectors / (1 << 20) + " MiB");
    }

    /** CPU time of the whole JVM, every thread: what a busy shared machine cannot inflate as it does wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Each row ends with the machine's 1-minute load average: other processes share these 2 cores. */
    private static String row(String... cells) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return "| " + String.join(" | ", cells) + String.format(" | %.1f |", load);
    }

    /** A progress line on stderr, rewritten in place. */
    private record Progress(java.io.PrintStream out) implements Importer.Progress {
        @Override
        public void update(int done, int total) {
            if (done % 500 == 0 || done == total) {
                out.print("\rimported " + done + " / " + total + (done == total ? "\n" : ""));
            }
        }
    }
}
