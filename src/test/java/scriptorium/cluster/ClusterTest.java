package scriptorium.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import scriptorium.testing.SseRecorder;
import scriptorium.testing.SseRecorder.Item;

/**
 * Issue 11, end to end: two Scriptorium processes on one PostgreSQL and one Redis, nginx in front (round robin,
 * docs/deploy/nginx.conf). Resume across instances, follow and cancel across instances, the search index of each
 * following the other's notes, kill -9 of an instance mid-run, and Redis restarted mid-run. The measurements go
 * to target/cluster-report.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    /** About 120 words: a Plume run streams them one by one, for several seconds at 40 ms a chunk. */
    private static final String LONG = "Plume, reformule : " + ("Le scriptorium garde les textes recopiés avec soin, "
            + "chaque page relue par un second moine avant d'être reliée dans le registre de l'abbaye. ").repeat(6);

    private Cluster cluster;
    private String a;
    private String b;
    private String proxy;

    @BeforeAll
    void start() {
        long started = System.nanoTime();
        cluster = Cluster.start();
        a = cluster.a.base();
        b = cluster.b.base();
        proxy = cluster.nginx.base();
        Cluster.report("--- cluster started in " + ms(started) + " ms: PostgreSQL, Redis, A :" + cluster.a.port()
                + ", B :" + cluster.b.port() + ", nginx " + proxy);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void healthSaysRedisPostgresAndTheIndexLagOnEveryInstanceAndThroughTheProxy() {
        for (String base : List.of(a, b, proxy, proxy)) {
            JsonNode health = cluster.json(cluster.get(base, "/health"));
            assertThat(health.path("event_log").asText()).isEqualTo("redis");
            assertThat(health.path("database").asText()).isEqualTo("postgresql");
            assertThat(health.path("index").has("lag_ms")).isTrue();
        }
        String metrics = cluster.get(a, "/metrics").body();
        assertThat(metrics).contains("scriptorium_redis_round_trips_total").contains("scriptorium_index_lag_seconds");
    }

    @Test
    @Order(2)
    void aRunStartedOnAAndResumedOnBWithLastEventIdGivesEveryEventOnceInOrder() {
        List<JsonNode> seen = new ArrayList<>();
        String runId;
        try (var first = cluster.chat(a, LONG)) {
            JsonNode start = first.assertNext("start");
            runId = start.path("run_id").asText();
            seen.add(start);
            while (seen.size() < 8) {
                seen.add(((Item.Event) first.next()).json());
            }
        } // the connection is cut mid-run
        long last = seen.getLast().path("seq").asLong();
        try (var resumed = cluster.follow(b, runId, last)) {
            seen.addAll(resumed.readToEnd());
        }
        assertContiguous(seen);
        assertThat(seen.getLast().path("type").asText()).isEqualTo("complete");
        try (var replay = cluster.follow(proxy, runId, null)) {
            List<JsonNode> all = replay.readToEnd();
            assertThat(all).isEqualTo(seen); // the same events, field for field, through the proxy
        }
        Cluster.report("resume: run " + runId + " started on A, cut after seq " + last + ", resumed on B: "
                + seen.size() + " events, each once, in order");
    }

    @Test
    @Order(3)
    void aRunStartedThroughTheProxyResumesThroughTheProxy() {
        List<JsonNode> seen = new ArrayList<>();
        String runId;
        try (var first = cluster.chat(proxy, LONG)) {
            JsonNode start = first.assertNext("start");
            runId = start.path("run_id").asText();
            seen.add(start);
            while (seen.size() < 5) {
                seen.add(((Item.Event) first.next()).json());
            }
        }
        for (int resume = 0; ; resume++) { // each resume may land on the other instance (round robin)
            try (var again = cluster.follow(proxy, runId, seen.getLast().path("seq").asLong())) {
                for (int i = 0; i < 6; i++) {
                    Item item = again.next();
                    if (item instanceof Item.Event event) {
                        seen.add(event.json());
                    } else {
                        assertThat(item).isInstanceOf(Item.Done.class);
                        assertContiguous(seen);
                        Cluster.report("resume through nginx: run " + runId + ", " + (resume + 1) + " resume(s), "
                                + seen.size() + " events, each once");
                        return;
                    }
                }
            }
        }
    }

    @Test
    @Order(4)
    void bFollowsARunOfAWhileItStreams() throws Exception {
        try (var onA = cluster.chat(a, LONG)) {
            String runId = onA.assertNext("start").path("run_id").asText();
            try (var onB = cluster.follow(b, runId, null)) {
                onB.assertNext("start");
                JsonNode delta;
                do {
                    delta = ((Item.Event) onB.next()).json();
                } while (!delta.path("type").asText().equals("agent_delta"));
                assertThat(cluster.json(cluster.get(b, "/api/v1/runs/" + runId)).path("status").asText())
                        .isEqualTo("running");
                List<JsonNode> fromB = onB.readToEnd();
                List<JsonNode> fromA = onA.readToEnd();
                assertThat(fromB).isEqualTo(fromA);
                Cluster.report("follow: B followed run " + runId + " of A live: " + fromB.size() + " events, equal");
            }
        }
    }

    @Test
    @Order(5)
    void cancelFromBEndsARunOfAWithCancelledWithinASecond() {
        try (var onA = cluster.chat(a, LONG)) {
            String runId = onA.assertNext("start").path("run_id").asText();
            while (!((Item.Event) onA.next()).json().path("type").asText().equals("agent_delta")) {
                // until the model streams
            }
            long asked = System.nanoTime();
            assertThat(cluster.post(b, "/api/v1/runs/" + runId + "/cancel", "{}").statusCode()).isEqualTo(202);
            JsonNode end;
            do {
                end = ((Item.Event) onA.next()).json();
            } while (end.path("type").asText().equals("agent_delta"));
            long took = ms(asked);
            assertThat(end.path("type").asText()).isEqualTo("cancelled");
            onA.assertDone();
            assertThat(took).isLessThan(1000);
            Cluster.report("cancel: run " + runId + " on A cancelled from B, `cancelled` after " + took + " ms");
        }
    }

    @Test
    @Order(6)
    void aNoteWrittenOnAIsFoundOnBWithinTwoSecondsAndDeletedOnBIsGoneFromA() throws Exception {
        String word = "palimpseste" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
        long created = System.nanoTime();
        JsonNode note = cluster.json(cluster.post(a, "/api/v1/notes", Cluster.JSON.createObjectNode()
                .put("title", "Grattoir " + word).put("content", "Le " + word + " se lit sous la page.").toString()));
        String id = note.path("id").asText();
        assertThat(found(a, word, id)).as("read-your-writes on the writer").isTrue();
        long onB = awaitSearch(b, word, id, true);
        assertThat(onB).isLessThan(2000);
        assertThat(cluster.delete(b, "/api/v1/notes/" + id).statusCode()).isEqualTo(204);
        long goneFromA = awaitSearch(a, word, id, false);
        assertThat(goneFromA).isLessThan(2000);
        Cluster.report("index: note created on A found on B after " + onB + " ms; deleted on B, gone from A after "
                + goneFromA + " ms (created " + ms(created) + " ms ago)");
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String tag = word + "x" + "abcdefghij".charAt(i);
            String made = cluster.json(cluster.post(i % 2 == 0 ? a : b, "/api/v1/notes", Cluster.JSON
                    .createObjectNode().put("title", "Note " + tag).put("content", "Mot " + tag + ".").toString()))
                    .path("id").asText();
            lags.add(awaitSearch(i % 2 == 0 ? b : a, tag, made, true));
        }
        lags.sort(null);
        Cluster.report("index lag, 10 notes written on one instance and searched on the other: min " + lags.getFirst()
                + " ms, median " + lags.get(5) + " ms, max " + lags.getLast() + " ms");
        assertThat(lags.getLast()).isLessThan(2000);
    }

    @Test
    @Order(7)
    void redisRestartedDuringRunsLosesAndDoublesNoEvent() throws Exception {
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<JsonNode>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String writer = i % 2 == 0 ? a : b;
                String reader = i % 2 == 0 ? b : a;
                String runId;
                try (var started = cluster.chat(writer, LONG)) {
                    runId = started.assertNext("start").path("run_id").asText();
                }
                runs.add(readers.submit(() -> readResuming(reader, runId)));
            }
            Thread.sleep(800);
            long down = System.nanoTime();
            cluster.redis.kill();
            Thread.sleep(1000);
            cluster.redis.resume();
            Cluster.report("redis: killed (SIGKILL) and started again in " + ms(down) + " ms during 4 runs");
            for (var run : runs) {
                List<JsonNode> events = run.get(60, TimeUnit.SECONDS);
                assertContiguous(events);
                String end = events.getLast().path("type").asText();
                assertThat(end).isIn("complete", "error");
                if (end.equals("error")) {
                    assertThat(events.getLast().path("code").asText()).isEqualTo("event_log_unavailable");
                }
                Cluster.report("redis restart: run " + events.getFirst().path("run_id").asText() + " -> "
                        + events.size() + " events, each once, ends with " + end);
            }
        }
    }

    @Test
    @Order(8)
    void killMinus9OfADuringTenRunsEndsEachWithOneInstanceLostSeenThroughB() throws Exception {
        List<String> runIds = new ArrayList<>();
        List<SseRecorder> followers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                try (var started = cluster.chat(a, LONG)) {
                    runIds.add(started.assertNext("start").path("run_id").asText());
                }
                followers.add(cluster.follow(b, runIds.getLast(), null));
            }
            Thread.sleep(1000); // the runs stream
            long killed = System.nanoTime();
            cluster.a.kill();
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<List<JsonNode>>> all = followers.stream()
                        .map(f -> readers.submit(() -> readLostRun(f))).toList();
                for (var events : all) {
                    List<JsonNode> list = events.get(30, TimeUnit.SECONDS);
                    assertContiguous(list);
                    JsonNode end = list.getLast();
                    assertThat(end.path("type").asText()).isEqualTo("error");
                    assertThat(end.path("code").asText()).isEqualTo("instance_lost");
                    assertThat(list.stream().filter(e -> List.of("complete", "error", "cancelled")
                            .contains(e.path("type").asText()))).hasSize(1);
                }
            }
            long all = ms(killed);
            assertThat(all).isLessThan(20_000);
            for (String runId : runIds) {
                awaitStatus(b, runId, "interrupted");
            }
            Cluster.report("kill -9: A killed during 10 runs; each ended with one instance_lost, seen through B, "
                    + "all within " + all + " ms of the kill; rows interrupted");
        } finally {
            followers.forEach(SseRecorder::close);
        }

        String word = "enluminure" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
        String noteId = cluster.json(cluster.post(b, "/api/v1/notes", Cluster.JSON.createObjectNode()
                .put("title", "Pendant l'absence " + word).put("content", "Écrit sur B: " + word).toString()))
                .path("id").asText();
        long restarted = System.nanoTime();
        cluster.a.resume();
        Cluster.report("A restarted in " + ms(restarted) + " ms");
        assertThat(found(a, word, noteId)).as("A's index caught up at start with what B wrote").isTrue();
        try (var old = cluster.follow(a, runIds.getFirst(), null)) {
            List<JsonNode> events = old.readToEnd();
            assertThat(events.getLast().path("code").asText()).isEqualTo("instance_lost");
        }
        Cluster.report("A restarted: found the note B wrote while it was down at once, served an old run's stream");
    }

    /** Reads a stream to its end, resuming with Last-Event-ID whenever it is cut (Redis away too long). */
    private List<JsonNode> readResuming(String base, String runId) {
        List<JsonNode> events = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            Long after = events.isEmpty() ? null : events.getLast().path("seq").asLong();
            try (var stream = cluster.follow(base, runId, after)) {
                while (true) {
                    Item item = stream.next();
                    if (item instanceof Item.Event event) {
                        events.add(event.json());
                    } else if (item instanceof Item.Done) {
                        return events;
                    } else if (item instanceof Item.End) {
                        break;
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                // a refused resume while Redis is away: try again
            }
            sleep(500);
        }
        throw new AssertionError("run " + runId + " never ended; events: " + events.size());
    }

    private static List<JsonNode> readLostRun(SseRecorder stream) {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            Item item = stream.next();
            switch (item) {
                case Item.Event event -> events.add(event.json());
                case Item.Done done -> {
                    return events;
                }
                case Item.End end -> throw new AssertionError("stream ended without [DONE]: " + end);
                case Item.Comment comment -> { }
            }
        }
    }

    private boolean found(String base, String word, String id) {
        JsonNode results = cluster.json(cluster.get(base, "/api/v1/search?q=" + word)).path("results");
        for (JsonNode hit : results) {
            if (hit.path("note_id").asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Ms until search on {@code base} finds (or no longer finds) the note; fails after 5 s. */
    private long awaitSearch(String base, String word, String id, boolean present) {
        long started = System.nanoTime();
        while (found(base, word, id) != present) {
            assertThat(ms(started)).as("search on %s for %s", base, word).isLessThan(5000);
            sleep(10);
        }
        return ms(started);
    }

    private void awaitStatus(String base, String runId, String status) {
        long started = System.nanoTime();
        while (!cluster.json(cluster.get(base, "/api/v1/runs/" + runId)).path("status").asText().equals(status)) {
            assertThat(ms(started)).as("run %s becomes %s", runId, status).isLessThan(5000);
            sleep(50);
        }
    }

    private static void assertContiguous(List<JsonNode> events) {
        assertThat(events.stream().map(e -> e.path("seq").asLong()).toList())
                .as("seq of every event, once, in order")
                .isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.getFirst().path("type").asText()).isEqualTo("start");
    }

    private static long ms(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toMillis();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
