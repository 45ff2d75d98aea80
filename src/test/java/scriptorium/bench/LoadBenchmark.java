package scriptorium.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load benchmark of issue 6 (not a test): Scriptorium in its own process, wired to a fake Anthropic
 * server streaming stamped tokens at a set pace, driven by thousands of concurrent SSE clients over
 * loopback; the same load sent straight to the fake server is the floor, and through nginx ({@link NginxRelay}) the
 * relay. Prints Markdown tables, ratios to both, and where the server's CPU went by group of threads.
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
        System.out.printf("# Load benchmark, %s, %d cores, %s, load average %s%n%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), LoadReport.loadAverage());
        // -Dbench.redis=true: the event log in a throwaway Redis (REDIS_URL), to compare with the memory log.
        boolean redis = Boolean.getBoolean("bench.redis");
        try (var fake = new PacedAnthropicServer();
             var redisServer = redis ? scriptorium.testing.RedisServer.start() : null;
             var server = ServerProcess.start(env(fake, redisServer), "3g")) {
            System.out.printf("Event log: %s%n%n", redis ? "redis" : "memory");
            Optional<NginxRelay> relay = Boolean.getBoolean("bench.noRelay") ? Optional.empty()
                    : NginxRelay.start(fake.port(), System.getProperty("bench.nginxWorkers", "auto"));
            try {
                var bench = new LoadBenchmark(fake, server, relay.orElse(null));
                // -Dbench.tokens=N: tokens per model call (50 by default); two runs with different N split the server's CPU
                // into a part per discussion and a part per token.
                int tokens = Integer.getInteger("bench.tokens", 50);
                fake.configure(Duration.ofMillis(50), tokens, PacedAnthropicServer.Faults.NONE);
                // Warm-up, not reported: until the JIT has compiled the per-run code too, its compiler threads take a
                // third of the server's CPU (50 discussions left 38 µs of C2 per token in a level of 1000). Code run
                // once per run or per model call reaches C2's thresholds only after thousands of runs: after one
                // round of 2,000 the compilers still took 9 to 15 µs per token in the level; rounds 2 to 5 gave
                // 8.9, 3.9, 3.9 and 2.7 µs (issue 15). So 4 rounds by default (-Dbench.warmupRounds=N), each on
                // its own line with the JIT's CPU per token.
                int warmup = Integer.getInteger("bench.warmup", 2000);
                for (int round = 1, rounds = Integer.getInteger("bench.warmupRounds", 4); round <= rounds; round++) {
                    Tally warm = bench.ours(warmup, "discussion");
                    // Reported in a line of its own: a burst of 2,000 starts is the store writer's worst case (issue 15).
                    System.out.printf("Warm-up %d: %d discussions, %d ok / %d failed %s, first event p50 / p99 %d / %d ms,"
                                    + " first token p50 / p99 %d / %d ms, CPU per token %.4f ms (JIT %.1f µs), load average %s%n%n",
                            round, warmup, warm.completed.get(), warm.failed.get(), warm.failures,
                            warm.firstEvent.percentile(50), warm.firstEvent.percentile(99),
                            warm.firstToken.percentile(50), warm.firstToken.percentile(99), warm.cpuPerToken(),
                            warm.cpuByThreads.getOrDefault("C# CompilerThre", 0L) / 1000.0 / Math.max(1, warm.tokens.get()),
                            warm.load);
                }
                relay.ifPresent(r -> System.out.printf("Relay: nginx (%s), %d worker process(es).%n%n",
                        NginxRelay.NGINX, r.workerCount()));
                var report = new LoadReport();
                System.out.println(LoadReport.HEADER);
                for (int level : levels) {
                    Tally floor = bench.floor(level, CALLS_PER_DISCUSSION);
                    Tally relayed = bench.relayed(level, CALLS_PER_DISCUSSION);
                    Tally ours = bench.ours(level, "discussion");
                    report.level(level + " discussions (20 tok/s)", floor, relayed, ours);
                }
                if (slow > 0) {
                    fake.configure(Duration.ofSeconds(1), 20, PacedAnthropicServer.Faults.NONE);
                    Tally floor = bench.floor(slow, 1);
                    Tally relayed = bench.relayed(slow, 1);
                    Tally ours = bench.ours(slow, "plume");
                    report.level(slow + " slow streams (1 tok/s)", floor, relayed, ours);
                    fake.configure(Duration.ofMillis(50), tokens, PacedAnthropicServer.Faults.NONE);
                }
                report.end();
                if (!Boolean.getBoolean("bench.skipChecks")) {
                    new ChurnAndFaults(fake, server).run();
                }
            } finally {
                relay.ifPresent(NginxRelay::close);
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
    /** Null when nginx could not start: no relay row. */
    private final NginxRelay relay;

    private LoadBenchmark(PacedAnthropicServer fake, ServerProcess server, NginxRelay relay) {
        this.fake = fake;
        this.server = server;
        this.relay = relay;
    }

    /** {@code n} clients, each running {@code calls} model calls straight against the fake server. */
    private Tally floor(int n, int calls) throws Exception {
        return direct(fake.port(), n, calls);
    }

    /** The same calls as the floor, through nginx; null without a relay. */
    private Tally relayed(int n, int calls) throws Exception {
        if (relay == null) {
            return null;
        }
        long cpuBefore = relay.cpuNanos();
        long kernelBefore = relay.kernelNanos();
        Tally tally = direct(relay.port(), n, calls);
        tally.cpuNanos = relay.cpuNanos() - cpuBefore;
        tally.cpuByThreads.put("nginx workers", tally.cpuNanos);
        tally.cpuByThreads.put(ServerProcess.KERNEL, relay.kernelNanos() - kernelBefore);
        return tally;
    }

    /** {@code n} clients, each running {@code calls} model calls in turn against {@code port}. */
    private Tally direct(int port, int n, int calls) throws Exception {
        var tally = new Tally();
        drive(n, tally, () -> {
            long sent = System.nanoTime();
            boolean first = true;
            for (int call = 0; call < calls; call++) {
                try (var sse = RawSse.open(port, "POST", "/v1/messages", "{\"stream\":true}", null)) {
                    if (sse.status() != 200) {
                        tally.fail("http " + sse.status());
                        return;
                    }
                    var firstSeen = new boolean[] {!first, !first}; // the first event, the first token
                    sse.read((data, at) -> {
                        if (!firstSeen[0]) {
                            firstSeen[0] = true;
                            tally.firstEvent.add((at - sent) / 1_000_000);
                        }
                        if (data.contains("\"text_delta\"")) {
                            if (!firstSeen[1]) {
                                firstSeen[1] = true;
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
        Map<String, Long> threadsBefore = server.cpuNanosByThreads();
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
                        tally.firstEvent.add((at - sent) / 1_000_000);
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
        server.cpuNanosByThreads().forEach((group, nanos) -> {
            long spent = nanos - threadsBefore.getOrDefault(group, 0L);
            if (spent > 0) {
                tally.cpuByThreads.put(group, spent);
            }
        });
        return tally;
    }

    @FunctionalInterface
    interface Client {
        void run() throws Exception;
    }

    /** Starts {@code n} clients over one second, samples the server while they run, waits for all. */
    private void drive(int n, Tally tally, Client client) throws Exception {
        Instant started = Instant.now();
        tally.startedNanos = System.nanoTime();
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
                tally.pausedFrom = System.nanoTime();
                tally.liveHeapPerStream = (server.heapBytes(true) - tally.idleHeap) / n;
                tally.pausedUntil = System.nanoTime();
                tally.measuringCpuNanos += server.cpuNanos() - cpuBeforeGc; // our full GC: not the server's work
            }
        }
        tally.wall = Duration.between(started, Instant.now());
        tally.load = LoadReport.loadAverage();
    }

    private static void stamps(String data, long receivedNanos, Tally tally) {
        Matcher matcher = STAMP.matcher(data);
        while (matcher.find()) {
            tally.token(Long.parseLong(matcher.group(1)), receivedNanos);
        }
    }

}
