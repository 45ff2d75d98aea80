package scriptorium.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load benchmark of issue 6 (not a test): Scriptorium in its own process, wired to a fake Anthropic
 * server streaming stamped tokens at a set pace, driven by thousands of concurrent SSE clients over
 * loopback; the same load sent straight to the fake server is the floor. Prints Markdown tables.
 *
 * <p>{@code ./mvnw -B -Pbench test-compile exec:exec@load-benchmark [-Dbench.levels=100,1000,2000 -Dbench.slow=5000]}
 */
public final class LoadBenchmark {

    static final String CHAT_STREAM = "/api/v1/chat/orchestrated/stream";
    private static final Pattern STAMP = Pattern.compile("t(\\d{6,}) ");
    private static final int CALLS_PER_DISCUSSION = 5; // 4 turns, then the synthesis

    public static void main(String[] args) throws Exception {
        int[] levels = java.util.Arrays.stream(System.getProperty("bench.levels", "100,1000,2000").split(","))
                .filter(level -> !level.isBlank()).mapToInt(Integer::parseInt).toArray();
        int slow = Integer.getInteger("bench.slow", 5000);
        System.out.printf("# Load benchmark, %s, %d cores, %s%n%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        // -Dbench.redis=true: the event log in a throwaway Redis (REDIS_URL), to compare with the memory log.
        boolean redis = Boolean.getBoolean("bench.redis");
        try (var fake = new PacedAnthropicServer();
             var redisServer = redis ? scriptorium.testing.RedisServer.start() : null;
             var server = ServerProcess.start(env(fake, redisServer), "3g")) {
            System.out.printf("Event log: %s%n%n", redis ? "redis" : "memory");
            var bench = new LoadBenchmark(fake, server);
            fake.configure(Duration.ofMillis(50), 50, PacedAnthropicServer.Faults.NONE);
            bench.ours(50, "discussion"); // warm-up, not reported
            System.out.println("| level | path | runs ok / failed | tokens/s | ratio | `start` p50 / p99 ms"
                    + " | first token p50 / p99 ms | added latency p50 / p99 / max ms | server heap / RSS at peak"
                    + " | per open stream | server CPU per token |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (int level : levels) {
                Tally floor = bench.floor(level, CALLS_PER_DISCUSSION);
                Tally ours = bench.ours(level, "discussion");
                bench.print(level + " discussions (20 tok/s)", floor, ours);
            }
            if (slow > 0) {
                fake.configure(Duration.ofSeconds(1), 20, PacedAnthropicServer.Faults.NONE);
                Tally floor = bench.floor(slow, 1);
                Tally ours = bench.ours(slow, "plume");
                bench.print(slow + " slow streams (1 tok/s)", floor, ours);
                fake.configure(Duration.ofMillis(50), 50, PacedAnthropicServer.Faults.NONE);
            }
            if (!Boolean.getBoolean("bench.skipChecks")) {
                new ChurnAndFaults(fake, server).run();
            }
        }
    }

    private static Map<String, String> env(PacedAnthropicServer fake, scriptorium.testing.RedisServer redis) {
        var env = new java.util.HashMap<>(Map.of("SCRIPTORIUM_MODEL", "anthropic", "ANTHROPIC_API_KEY", "bench",
                "ANTHROPIC_BASE_URL", fake.baseUrl(), "LOG_LEVEL", "warn", "ANTHROPIC_PROMPT_CACHING", "false",
                "MODEL_FIRST_TOKEN_TIMEOUT_SECONDS", "30", "MODEL_RETRY_BASE_MS", "200"));
        if (redis != null) {
            env.put("REDIS_URL", redis.url());
        }
        return env;
    }

    private final PacedAnthropicServer fake;
    private final ServerProcess server;

    private LoadBenchmark(PacedAnthropicServer fake, ServerProcess server) {
        this.fake = fake;
        this.server = server;
    }

    /** What one level measured on one path. */
    static final class Tally {
        final Samples start = new Samples();
        final Samples firstToken = new Samples();
        final Samples latencyMicros = new Samples();
        final AtomicLong tokens = new AtomicLong();
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<String, AtomicLong> failures = new java.util.concurrent.ConcurrentHashMap<>();
        Duration wall;
        long cpuNanos;
        long measuringCpuNanos;
        long peakHeap;
        long peakRss;
        long idleHeap;
        long idleRss;
        long liveHeapPerStream;

        void fail(String reason) {
            failed.incrementAndGet();
            failures.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        }

        double tokensPerSecond() {
            return tokens.get() / (wall.toNanos() / 1e9);
        }
    }

    /** {@code n} clients, each running {@code calls} model calls straight against the fake server. */
    private Tally floor(int n, int calls) throws Exception {
        var tally = new Tally();
        drive(n, tally, () -> {
            long sent = System.nanoTime();
            boolean first = true;
            for (int call = 0; call < calls; call++) {
                try (var sse = RawSse.open(fake.port(), "POST", "/v1/messages", "{\"stream\":true}", null)) {
                    var firstSeen = new boolean[] {!first};
                    sse.read((data, at) -> {
                        if (data.contains("\"text_delta\"")) {
                            if (!firstSeen[0]) {
                                firstSeen[0] = true;
                                tally.firstToken.add((at - sent) / 1_000_000);
                            }
                            stamps(data, at, tally);
                        }
                        return true;
                    });
                    first = false;
                }
            }
            tally.completed.incrementAndGet();
        });
        return tally;
    }

    /** {@code n} clients, each running one chat run through Scriptorium and reading its stream to the end. */
    Tally ours(int n, String mode) throws Exception {
        var tally = new Tally();
        tally.idleHeap = server.heapBytes(true);
        tally.idleRss = server.rssBytes();
        long cpuBefore = server.cpuNanos();
        drive(n, tally, () -> {
            long sent = System.nanoTime();
            String body = "{\"message\": \"Compare les deux approches du sujet " + sent + "\", \"mode\": \"" + mode + "\"}";
            try (var sse = RawSse.open(server.port(), "POST", CHAT_STREAM, body, null)) {
                var terminal = new String[1];
                var firstSeen = new boolean[1];
                boolean done = sse.status() == 200 && sse.read((data, at) -> {
                    if (data.startsWith("{\"type\":\"agent_delta\"")) {
                        if (!firstSeen[0]) {
                            firstSeen[0] = true;
                            tally.firstToken.add((at - sent) / 1_000_000);
                        }
                        stamps(data, at, tally);
                    } else if (data.startsWith("{\"type\":\"start\"")) {
                        tally.start.add((at - sent) / 1_000_000);
                    } else if (data.startsWith("{\"type\":\"complete\"") || data.startsWith("{\"type\":\"cancelled\"")) {
                        terminal[0] = data.substring(9, data.indexOf('"', 9));
                    } else if (data.startsWith("{\"type\":\"error\"")) {
                        int code = data.indexOf("\"code\":\"") + 8;
                        terminal[0] = "error " + data.substring(code, data.indexOf('"', code));
                    }
                    return true;
                });
                if (done && "complete".equals(terminal[0])) {
                    tally.completed.incrementAndGet();
                } else {
                    tally.fail(sse.status() != 200 ? "http " + sse.status() : done ? terminal[0] : "no [DONE]");
                }
            }
        });
        tally.cpuNanos = server.cpuNanos() - cpuBefore - tally.measuringCpuNanos;
        return tally;
    }

    @FunctionalInterface
    interface Client {
        void run() throws Exception;
    }

    /** Starts {@code n} clients over one second, samples the server while they run, waits for all. */
    private void drive(int n, Tally tally, Client client) throws Exception {
        Instant started = Instant.now();
        var clients = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < n; i++) {
            long delayNanos = 1_000_000_000L * i / n;
            clients.execute(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(delayNanos));
                    client.run();
                } catch (Exception e) {
                    tally.fail(e.getClass().getSimpleName());
                }
            });
        }
        clients.shutdown();
        boolean sampledLive = false;
        int polls = 0;
        while (!clients.awaitTermination(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            tally.peakRss = Math.max(tally.peakRss, server.rssBytes());
            if (polls++ % 4 == 0) { // a scrape of /metrics is server CPU too: every 2 s is enough for the heap
                tally.peakHeap = Math.max(tally.peakHeap, server.heapBytes(false));
            }
            if (!sampledLive && Duration.between(started, Instant.now()).toSeconds() >= 5 && tally.idleHeap > 0) {
                sampledLive = true; // every stream is open by now: live heap after a full GC, per stream
                long cpuBeforeGc = server.cpuNanos();
                tally.liveHeapPerStream = (server.heapBytes(true) - tally.idleHeap) / n;
                tally.measuringCpuNanos += server.cpuNanos() - cpuBeforeGc; // our full GC: not the server's work
            }
        }
        tally.wall = Duration.between(started, Instant.now());
    }

    private static void stamps(String data, long receivedNanos, Tally tally) {
        Matcher matcher = STAMP.matcher(data);
        while (matcher.find()) {
            tally.tokens.incrementAndGet();
            tally.latencyMicros.add((receivedNanos - Long.parseLong(matcher.group(1))) / 1_000);
        }
    }

    private void print(String level, Tally floor, Tally ours) {
        System.out.printf("| %s | floor (client → fake model) | %d / %d | %.0f | | n/a | %d / %d | %s | | | |%n", level,
                floor.completed.get(), floor.failed.get(), floor.tokensPerSecond(), floor.firstToken.percentile(50),
                floor.firstToken.percentile(99), latency(floor));
        System.out.printf("| %s | Scriptorium | %d / %d | %.0f | %.2f | %d / %d | %d / %d | %s | %d / %d MiB | %s | %.4f ms |%n",
                level, ours.completed.get(), ours.failed.get(), ours.tokensPerSecond(),
                ours.tokensPerSecond() / floor.tokensPerSecond(), ours.start.percentile(50), ours.start.percentile(99),
                ours.firstToken.percentile(50), ours.firstToken.percentile(99), latency(ours),
                ours.peakHeap >> 20, ours.peakRss >> 20, perStream(ours),
                ours.tokens.get() == 0 ? 0 : ours.cpuNanos / 1e6 / ours.tokens.get());
        if (!floor.failures.isEmpty() || !ours.failures.isEmpty()) {
            System.out.printf("| | failures: floor %s, Scriptorium %s | | | | | | | | | |%n", floor.failures, ours.failures);
        }
        System.out.flush();
    }

    private static String latency(Tally tally) {
        return String.format("%.2f / %.2f / %.1f", tally.latencyMicros.percentile(50) / 1000.0,
                tally.latencyMicros.percentile(99) / 1000.0, tally.latencyMicros.max() / 1000.0);
    }

    private static String perStream(Tally tally) {
        int streams = (int) (tally.completed.get() + tally.failed.get());
        // The JVM keeps the memory an earlier level made it take: then this level's RSS did not grow at all,
        // and only a level run alone on a fresh server (-Dbench.levels= -Dbench.slow=N) measures RSS per stream.
        String rss = tally.peakRss > tally.idleRss
                ? String.format("%.0f KiB RSS", (tally.peakRss - tally.idleRss) / 1024.0 / streams)
                : "RSS held from before";
        return String.format("%s, %.0f KiB live heap", rss, tally.liveHeapPerStream / 1024.0);
    }
}
