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
import scriptorium.testing.ProcStat;

/**
 * The search benchmark of issues 3 and 15, apart from the test run (surefire only picks *Test classes):
 * {@code ./mvnw -B -Pbench test-compile exec:exec@search-benchmark}.
 *
 * <ol>
 *   <li>Quality: the hand-judged {@link RetrievalSet} with MiniLM (title and 32 words per note) and the static
 *       embedding (whole notes): recall@5, recall@10 and nDCG@10 of BM25 alone, vectors alone and hybrid.
 *       {@code -Dbench.notes=0} stops there; {@code -Dbench.quality=false} leaves it out.</li>
 *   <li>Imports {@code bench.minilmNotes} (1,000) then {@code bench.notes} (10,000) generated Markdown files of ~300
 *       words through {@link Importer}: database, embeddings and Lucene, as {@code scriptorium import} does, first
 *       with MiniLM (same run, for the ratio), then with the static embedding, twice (into two archives): the first
 *       in a fresh JVM, then again with the JIT warm. Prints notes/s, CPU per note and the JIT's part of it.</li>
 *   <li>Runs 1,000 generated queries (after 100 warm-up ones): p50/p95/p99 of the full hybrid search (query
 *       embedding, BM25, HNSW, fusion, highlighting). Then deletes the index and times its rebuild.</li>
 *   <li>Grows the archive to {@code bench.large} (100,000) notes, every one embedded for real, searches again,
 *       then reports memory. A {@code bench.large} not above {@code bench.notes} leaves the growing out.</li>
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
        int miniLmNotes = Integer.getInteger("bench.minilmNotes", 1_000);
        boolean measureQuality = Boolean.parseBoolean(System.getProperty("bench.quality", "true"));
        Path work = Files.createTempDirectory("scriptorium-bench");
        var text = new BenchText(new Random(SEED));
        List<String> rows = new ArrayList<>();

        List<String> quality;
        try (var miniLm = new MiniLmEmbedder(work.resolve("djl"));
             var embedder = StaticEmbedder.fromClassPath()) {
            quality = measureQuality ? SearchQuality.table(work, List.of(miniLm, embedder)) : List.of();
            if (small == 0) {
                quality.forEach(System.out::println);
                return;
            }
            Path vault = work.resolve("vault");
            Files.createDirectories(vault);
            for (int i = 0; i < small; i++) {
                Files.writeString(vault.resolve("note-" + i + ".md"), text.markdown(i), StandardCharsets.UTF_8);
            }
            if (miniLmNotes > 0) {
                Path few = work.resolve("vault-minilm");
                Files.createDirectories(few);
                for (int i = 0; i < miniLmNotes; i++) {
                    Files.copy(vault.resolve("note-" + i + ".md"), few.resolve("note-" + i + ".md"));
                }
                rows.add(importing(work.resolve("data-minilm"), few, miniLm, text, false, "first in this JVM"));
            }
            rows.add(embeddingAlone(embedder, text, small));
            // Twice: a fresh JVM's first import spends about half its CPU compiling (issue 15); the second is a
            // server that has imported before.
            rows.add(importing(work.resolve("data-first"), vault, embedder, text, false, "first in this JVM"));
            rows.add(importing(work.resolve("data"), vault, embedder, text, true, "again, the JIT warm"));
            rows.add(latency("search at " + small + " notes", work.resolve("data"), embedder, text));
            rows.add(rebuild(work.resolve("data"), embedder));
            if (large > small) {
                rows.add(grow(work.resolve("data"), embedder, text, small, large));
                rows.add(latency("search at " + large + " notes", work.resolve("data"), embedder, text));
            }
            rows.add(memory(work.resolve("data"), embedder));
        }
        System.out.println();
        quality.forEach(System.out::println);
        System.out.println();
        System.out.println("| measure | size | time | result | load avg |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("JVM " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, data in " + work);
    }

    /** Imports the files of {@code vault} into a new archive under {@code data}, as {@code scriptorium import}. */
    private static String importing(Path data, Path vault, Embedder embedder, BenchText text, boolean progress,
            String when) throws IOException {
        try (var archive = BenchArchive.open(data, embedder)) {
            long started = System.nanoTime();
            long cpu = processCpuNanos();
            long jit = compilerCpuNanos();
            ImportReport report = new Importer(archive.notes()).run(vault,
                    progress ? new Progress(System.err) : (done, total) -> { });
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuMs = (processCpuNanos() - cpu) / 1e6 / report.imported();
            double jitMs = (compilerCpuNanos() - jit) / 1e6 / report.imported();
            return row("import + index, " + embedder.modelId() + ", " + when, report.imported() + " notes",
                    String.format("%.1f s", seconds), String.format(
                            "%.0f notes/s (CPU %.2f ms per note, of which the JIT's compiler threads %.2f)",
                            report.imported() / seconds, cpuMs, jitMs));
        }
    }

    /** CPU time of this JVM's JIT compiler threads so far, from {@code /proc} (0 where there is none). */
    private static long compilerCpuNanos() {
        return ProcStat.threadsOf("self").stream().filter(thread -> thread.name().contains("CompilerThre"))
                .mapToLong(ProcStat::cpuNanos).sum();
    }

    /** The embedding alone, one thread: what each note's vector costs of the import. */
    private static String embeddingAlone(Embedder embedder, BenchText text, int notes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < notes; i++) {
            NoteDraft draft = text.draft(i);
            texts.add(NoteDocuments.embeddingText(draft.title(), draft.content(), embedder.use().noteWords()));
        }
        texts.subList(0, Math.min(1000, notes)).forEach(embedder::embed);     // warm-up
        long started = System.nanoTime();
        for (String one : texts) {
            embedder.embed(one);
        }
        double micros = (System.nanoTime() - started) / 1e3 / notes;
        return row("embedding alone (whole note, one thread), " + embedder.modelId(), notes + " notes",
                String.format("%.0f µs per note", micros), String.format("%.0f notes/s", 1e6 / micros));
    }

    /** Adds notes up to {@code large} through the service, in batches of 500, every note embedded. */
    private static String grow(Path data, Embedder embedder, BenchText text, int from, int large) {
        try (var archive = BenchArchive.open(data, embedder)) {
            long started = System.nanoTime();
            for (int batchStart = from; batchStart < large; batchStart += 500) {
                List<NoteDraft> batch = new ArrayList<>();
                for (int i = batchStart; i < Math.min(batchStart + 500, large); i++) {
                    batch.add(text.draft(i));
                }
                archive.notes().createAll(batch, Note.Source.IMPORT);
                if ((batchStart - from) % 10_000 == 0) {
                    System.err.print("\rgrowing: " + batchStart + " / " + large);
                }
            }
            System.err.println();
            double seconds = (System.nanoTime() - started) / 1e9;
            return row("add notes through the service (embedded, BM25 + HNSW)", (large - from) + " notes",
                    String.format("%.1f s", seconds), String.format("%.0f notes/s", (large - from) / seconds));
        }
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
             var embedder = new CachingEmbedder(StaticEmbedder.fromClassPath());
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
            rows.add(row("of which query embedding (" + embedder.modelId() + ")", "1000 queries",
                    percentiles(embedding), "wall clock"));
            rows.add(row("of which Lucene (BM25, HNSW, fusion, snippets)", "1000 queries", percentiles(lucene),
                    "CPU time: " + percentiles(luceneCpu)));
        }
        rows.add(memory(work.resolve("data"), StaticEmbedder.fromClassPath()));
        System.out.println("| measure | size | time | result | load avg |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Deletes the index folder and opens it again: rebuilt from the database, with the vectors it kept. */
    private static String rebuild(Path data, Embedder embedder) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("index"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        long started = System.nanoTime();
        try (var archive = BenchArchive.open(data, embedder)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            return row("rebuild a deleted index (vectors kept in the database)", archive.index().size() + " notes",
                    String.format("%.1f s", seconds), String.format("%.0f notes/s", archive.index().size() / seconds));
        }
    }

    private static String percentiles(long[] nanos) {
        nanos = nanos.clone();
        Arrays.sort(nanos);
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms", ms(nanos[499]), ms(nanos[949]), ms(nanos[989]));
    }

    private static String latency(String what, Path data, Embedder embedder, BenchText text) {
        try (var archive = BenchArchive.open(data, embedder)) {
            return latency(what, archive.notes(), text);
        }
    }

    /**
     * The full search, timed by the clock and by the CPU time of the searching thread (which does all of a search's
     * work): on a machine shared with other work, the CPU time is what the search costs, the clock what it waited.
     */
    private static String latency(String what, NoteService notes, BenchText text) {
        var random = new Random(SEED + 1);
        for (int i = 0; i < 100; i++) {
            notes.search(text.query(random), 10);
        }
        var threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[1000];
        long[] cpu = new long[1000];
        int found = 0;
        for (int i = 0; i < nanos.length; i++) {
            String query = text.query(random);
            long startedCpu = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            found += notes.search(query, 10).isEmpty() ? 0 : 1;
            nanos[i] = System.nanoTime() - started;
            cpu[i] = threads.getCurrentThreadCpuTime() - startedCpu;
        }
        return row(what, "1000 queries, limit 10", "clock: " + percentiles(nanos),
                "CPU: " + percentiles(cpu) + "; " + found + " queries with results");
    }

    /** Heap after GC with the 100,000-note archive open (searcher, table, caches), and the index on disk. */
    private static String memory(Path data, Embedder embedder) throws IOException {
        try (var archive = BenchArchive.open(data, embedder)) {
            archive.notes().search("warm", 10);
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long disk = 0;
            long vectors = 0;
            try (Stream<Path> files = Files.list(data.resolve("index"))) {
                for (Path file : files.toList()) {
                    long size = Files.size(file);
                    disk += size;
                    String name = file.getFileName().toString();
                    if (name.endsWith(".vec") || name.endsWith(".vex") || name.endsWith(".vemf")) {
                        vectors += size;
                    }
                }
            }
            return row("memory at " + archive.index().size() + " notes",
                    "whole JVM heap after GC: " + heap / (1 << 20) + " MiB",
                    "index on disk (mmap, off heap): " + disk / (1 << 20) + " MiB",
                    "of which vectors + HNSW graph: " + vectors / (1 << 20) + " MiB");
        }
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
