package scriptorium.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 6's two checks under load: clients that drop at random and resume with {@code Last-Event-ID} get
 * every event exactly once; runs whose model calls fail end with exactly one terminal event, none hangs,
 * and the server's threads and heap come back to where they were.
 */
final class ChurnAndFaults {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RUNS = 300;

    private final PacedAnthropicServer fake;
    private final ServerProcess server;

    ChurnAndFaults(PacedAnthropicServer fake, ServerProcess server) {
        this.fake = fake;
        this.server = server;
    }

    void run() throws Exception {
        churn();
        faults();
    }

    private void churn() throws Exception {
        var reconnects = new AtomicLong();
        var checked = new AtomicLong();
        var missing = new AtomicLong();
        var doubled = new AtomicLong();
        var textMismatches = new AtomicLong();
        everyRun(RUNS, () -> {
            var seen = new TreeMap<Long, JsonNode>();
            long duplicates = 0;
            String runId = null;
            boolean done = false;
            for (int attempt = 0; !done && attempt < 100; attempt++) {
                long last = seen.isEmpty() ? 0 : seen.lastKey();
                try (var sse = runId == null
                        ? RawSse.open(server.port(), "POST", LoadBenchmark.CHAT_STREAM,
                                "{\"message\": \"Plume et Mimir, discutez du sujet " + System.nanoTime() + "\"}", null)
                        : RawSse.open(server.port(), "GET", "/api/v1/runs/" + runId + "/stream", null, Long.toString(last))) {
                    var events = new ArrayList<JsonNode>();
                    done = sse.read((data, at) -> {
                        events.add(parse(data));
                        return ThreadLocalRandom.current().nextDouble() >= 0.01; // 1 % chance to drop after each event
                    });
                    for (JsonNode event : events) {
                        duplicates += seen.put(event.path("seq").asLong(), event) == null ? 0 : 1;
                    }
                    if (runId == null && !events.isEmpty()) {
                        runId = events.getFirst().path("run_id").asText();
                    }
                }
                if (!done) {
                    reconnects.incrementAndGet();
                }
            }
            long expected = seen.isEmpty() ? 0 : seen.lastKey();
            checked.addAndGet(seen.size());
            missing.addAndGet(expected - seen.size());
            doubled.addAndGet(duplicates);
            textMismatches.addAndGet(mismatches(seen.values()));
        });
        System.out.printf("%n**Disconnect churn** (%d discussions, each client drops with probability 1%% after"
                        + " every event and resumes with Last-Event-ID): %d reconnects, %d events checked, %d missing,"
                        + " %d doubled, %d messages whose deltas differ from the stored text.%n",
                RUNS, reconnects.get(), checked.get(), missing.get(), doubled.get(), textMismatches.get());
    }

    /** Messages whose deltas do not add up to their agent_message, or whose answer differs from the stored one. */
    private long mismatches(Iterable<JsonNode> events) throws Exception {
        Map<String, StringBuilder> deltas = new LinkedHashMap<>();
        long wrong = 0;
        String session = null;
        String response = null;
        for (JsonNode event : events) {
            switch (event.path("type").asText()) {
                case "start" -> session = event.path("session_id").asText();
                case "agent_delta" -> deltas.computeIfAbsent(event.path("message_id").asText(), k -> new StringBuilder())
                        .append(event.path("delta").asText());
                case "agent_message" -> wrong += event.path("content").asText().equals(
                        String.valueOf(deltas.get(event.path("message_id").asText()))) ? 0 : 1;
                case "complete" -> response = event.path("result").path("response").asText();
                default -> { }
            }
        }
        JsonNode stored = JSON.readTree(server.get("/api/v1/conversations/" + session)).path("messages");
        return wrong + (stored.get(stored.size() - 1).path("content").asText().equals(response) ? 0 : 1);
    }

    private void faults() throws Exception {
        long threadsBefore = (long) server.metric("jvm_threads_live_threads");
        long heapBefore = server.heapBytes(true);
        fake.configure(Duration.ofMillis(50), 50, new PacedAnthropicServer.Faults(0.05, 0.05, 0.04, 0.04));
        long injectedBefore = fake.injected.get();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        var slowest = new AtomicLong();
        var withoutTerminal = new AtomicLong();
        everyRun(RUNS, () -> {
            long started = System.nanoTime();
            var terminals = new ArrayList<String>();
            boolean done;
            try (var sse = RawSse.open(server.port(), "POST", LoadBenchmark.CHAT_STREAM,
                    "{\"message\": \"Plume et Mimir, discutez de " + started + "\"}", null)) {
                done = sse.read((data, at) -> {
                    JsonNode event = parse(data);
                    String type = event.path("type").asText();
                    if (type.equals("complete") || type.equals("cancelled")) {
                        terminals.add(type);
                    } else if (type.equals("error")) {
                        terminals.add("error:" + event.path("code").asText());
                    }
                    return true;
                });
            }
            slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
            if (!done || terminals.size() != 1) {
                withoutTerminal.incrementAndGet();
            }
            terminals.forEach(t -> outcomes.computeIfAbsent(t, k -> new AtomicLong()).incrementAndGet());
        });
        fake.configure(Duration.ofMillis(50), 50, PacedAnthropicServer.Faults.NONE);
        Thread.sleep(2000);
        long threadsAfter = (long) server.metric("jvm_threads_live_threads");
        long heapAfter = server.heapBytes(true);
        System.out.printf("%n**Faults** (%d discussions; the fake model failed %d of its calls: 429 with retry-after,"
                        + " 529, streams cut mid-message, first token stalled past the 30 s timeout): outcomes %s;"
                        + " %d streams without exactly one terminal event then [DONE]; slowest run %d ms;"
                        + " server platform threads %d before, %d after; heap after full GC %d MiB before, %d MiB after.%n",
                RUNS, fake.injected.get() - injectedBefore, new TreeMap<>(outcomes), withoutTerminal.get(),
                slowest.get(), threadsBefore, threadsAfter, heapBefore >> 20, heapAfter >> 20);
    }

    @FunctionalInterface
    private interface Client {
        void run() throws Exception;
    }

    private static void everyRun(int n, Client client) throws InterruptedException {
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                clients.execute(() -> {
                    try {
                        client.run();
                    } catch (Exception e) {
                        System.err.println("client failed: " + e);
                    }
                });
            }
            clients.shutdown();
            clients.awaitTermination(10, TimeUnit.MINUTES);
        }
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + data, e);
        }
    }
}
