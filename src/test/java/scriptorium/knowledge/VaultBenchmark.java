package scriptorium.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import scriptorium.testing.TestServer;

/**
 * The live vault's figures (issue 14), for docs/benchmarks.md: the first sync of {@code bench.files} generated notes
 * (~300 words, front matter, a few wikilinks each) into a fresh archive (wall clock, and CPU of this process, which
 * is the server's), a restart over the same unchanged folder, and the latency from a file written (or changed) to
 * its note found by search, over {@code bench.runs} runs. Not a test:
 * {@code ./mvnw -B -o -Pbench test-compile exec:exec@vault-benchmark [-Dbench.files=1000 -Dbench.runs=30]}.
 */
public final class VaultBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.files", 1000);
        int runs = Integer.getInteger("bench.runs", 30);
        Path vault = Files.createTempDirectory("vault-bench");
        var text = new BenchText(new Random(14));
        for (int i = 0; i < count; i++) {
            String links = "\n\nVoir aussi [[" + text.draft((i + 1) % count).title() + "]] et [[" + text.draft((i * 7) % count).title() + "]].\n";
            Files.writeString(vault.resolve("note-" + i + ".md"), text.markdown(i) + links);
        }
        importThroughTheApi(vault, count);
        var server = TestServer.start(Map.of("VAULT_PATH", vault.toString()));
        try {
            long cpu = cpu();
            JsonNode status = awaitWatching(server);
            long syncMs = status.path("first_sync_ms").asLong();
            System.out.printf("first sync: %d files, %d imported in %d ms: %.0f notes/s; CPU %.1f s (%.2f ms/note)%n",
                    count, status.path("imported").asInt(), syncMs, status.path("imported").asInt() * 1000.0 / syncMs,
                    (cpu() - cpu) / 1e9, (cpu() - cpu) / 1e6 / count);

            List<Long> created = new ArrayList<>();
            List<Long> changed = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                String word = "zqx" + run + "vault";
                Path file = vault.resolve("latency-" + run + ".md");
                long started = System.nanoTime();
                Files.writeString(file, "# Mesure " + run + "\n\nUn mot rare : " + word + ".\n");
                created.add(awaitFound(server, word, started));
                String other = "wqz" + run + "edit";
                started = System.nanoTime();
                Files.writeString(file, "# Mesure " + run + "\n\nUn autre mot rare : " + other + ".\n");
                changed.add(awaitFound(server, other, started));
            }
            System.out.printf("file written → searchable (new file), %d runs: median %d ms, p90 %d ms, max %d ms%n",
                    runs, pct(created, 50), pct(created, 90), Collections.max(created));
            System.out.printf("file changed → searchable (new text), %d runs: median %d ms, p90 %d ms, max %d ms%n",
                    runs, pct(changed, 50), pct(changed, 90), Collections.max(changed));

            server.restart();
            cpu = cpu();
            status = awaitWatching(server);
            System.out.printf("restart over the unchanged folder (%d files): first sync %d ms, %d imported; CPU %.1f s%n",
                    status.path("total").asInt(), status.path("first_sync_ms").asLong(), status.path("imported").asInt(),
                    (cpu() - cpu) / 1e9);
        } finally {
            server.close();
        }
        System.exit(0); // the MCP SDK's session sweeper is a thread that outlives the server and keeps the JVM up
    }

    /** The same files through {@code POST /api/v1/notes/import} into another fresh archive: the yardstick. */
    private static void importThroughTheApi(Path vault, int count) throws Exception {
        var server = TestServer.start(Map.of());
        try {
            long cpu = cpu();
            long started = System.nanoTime();
            int imported = 0;
            for (int from = 0; from < count; from += 500) {
                var files = JSON.createArrayNode();
                for (int i = from; i < Math.min(count, from + 500); i++) {
                    String name = "note-" + i + ".md";
                    files.addObject().put("path", name).put("content", Files.readString(vault.resolve(name)));
                }
                var body = JSON.createObjectNode().set("files", files);
                imported += JSON.readTree(server.post("/api/v1/notes/import", body.toString()).body())
                        .path("imported").asInt();
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("the same files through POST /api/v1/notes/import: %d imported in %d ms: %.0f notes/s;"
                    + " CPU %.1f s (%.2f ms/note)%n", imported, ms, imported * 1000.0 / ms, (cpu() - cpu) / 1e9,
                    (cpu() - cpu) / 1e6 / count);
        } finally {
            server.close();
        }
    }

    private static JsonNode awaitWatching(TestServer server) throws Exception {
        while (true) {
            JsonNode status = JSON.readTree(server.get("/api/v1/vault").body());
            if (status.path("state").asText().equals("watching")) {
                return status;
            }
            Thread.sleep(20);
        }
    }

    private static long awaitFound(TestServer server, String word, long started) throws Exception {
        long deadline = started + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!JSON.readTree(server.get("/api/v1/search?q=" + word).body()).path("results").isEmpty()) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(word + " never became searchable");
    }

    private static long pct(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100));
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private VaultBenchmark() {}
}
