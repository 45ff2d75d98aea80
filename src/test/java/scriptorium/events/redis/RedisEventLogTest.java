package scriptorium.events.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scriptorium.config.EventLogSettings;
import scriptorium.config.Secret;
import scriptorium.events.EventFeed;
import scriptorium.events.EventLogFull;
import scriptorium.store.Ids;
import scriptorium.events.Mode;
import scriptorium.events.Route;
import scriptorium.events.RunEvent;
import scriptorium.events.RunResult;
import scriptorium.events.Sequenced;
import scriptorium.llm.Agent;
import scriptorium.llm.Usage;
import scriptorium.testing.RedisServer;

/** The Redis event log against a real Redis: the EventLog contract, and what sharing it across instances adds. */
class RedisEventLogTest {

    private static RedisServer server;
    private static RedisCluster one;
    private static RedisCluster two;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
        var settings = new EventLogSettings.Redis("127.0.0.1", server.port(), 0, new Secret(""), false,
                Duration.ofSeconds(3), Duration.ofSeconds(2));
        one = RedisCluster.open(settings, 4096, Duration.ofMinutes(10), new SimpleMeterRegistry(), Clock.systemUTC());
        two = RedisCluster.open(settings, 4096, Duration.ofMinutes(10), new SimpleMeterRegistry(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
        server.close();
    }

    private static RunEvent.Start startEvent() {
        return new RunEvent.Start("s-1", Mode.AUTO, "m-1");
    }

    @Test
    void eventsComeBackAsWrittenNumberedByTheLogAndEveryKindSurvivesTheTrip() throws Exception {
        String run = Ids.next("r-");
        var log = one.events();
        List<RunEvent> written = List.of(startEvent(), new RunEvent.Routed(Route.PLUME, "named:plume"),
                new RunEvent.Processing(Route.PLUME, RunEvent.Phase.STARTED),
                new RunEvent.AgentDelta(Agent.PLUME, Agent.USER, "m-2", "Bonjour\n\"toi\""),
                new RunEvent.AgentMessage(Agent.PLUME, Agent.USER, "m-2", 1, "Bonjour", new Usage(1, 2, 3, 4),
                        0.5, "offline"),
                new RunEvent.AgentAction(Agent.MIMIR, "search_knowledge", "c-1", RunEvent.ActionStatus.COMPLETED,
                        "found 2", java.util.Map.of("query", "x", "hits", 2)),
                new RunEvent.Citation(Agent.MIMIR, "m-2", "n-1", "« juste »", true, null),
                new RunEvent.Citation(Agent.MIMIR, "m-2", "n-2", null, false, RunEvent.Unverified.UNKNOWN_NOTE),
                new RunEvent.Warning("model_retry", "again"),
                new RunEvent.Completed(new RunResult("ok", Route.PLUME, List.of(Agent.PLUME),
                        List.of(new RunResult.Turn(Agent.PLUME, Agent.MIMIR, "t", java.time.Instant.EPOCH)), "s-1", run,
                        List.of("n-1"), 12, Usage.NONE, 0.1, "offline", List.of(), List.of("w"),
                        List.of(new RunEvent.Citation(Agent.MIMIR, "m-2", "n-1", "« juste »", true, null)))));
        log.open(run, (RunEvent.Start) written.getFirst());
        for (RunEvent step : written.subList(1, written.size() - 1)) {
            log.append(run, (RunEvent.Step) step);
        }
        assertThat(log.end(run, (RunEvent.Terminal) written.getLast())).isTrue();
        assertThat(two.events().lastSeq(run)).contains((long) written.size());
        List<RunEvent> read = new ArrayList<>();
        try (var subscription = two.events().follow(run, 0)) {
            for (Optional<Sequenced> next; (next = subscription.poll(Duration.ofSeconds(1))).isPresent(); ) {
                assertThat(next.get().seq()).isEqualTo(read.size() + 1L);
                read.add(next.get().event());
            }
            assertThat(subscription.finished()).isTrue();
        }
        assertThat(read).isEqualTo(written);
    }

    @Test
    void twoInstancesEndingOneRunAtOnceWriteOneTerminalEvent() throws Exception {
        for (int round = 0; round < 20; round++) {
            String run = Ids.next("r-");
            one.events().open(run, startEvent());
            var go = new CountDownLatch(1);
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Boolean> byOne = threads.submit(() -> {
                    go.await();
                    return one.events().end(run, new RunEvent.Cancelled("one"));
                });
                Future<Boolean> byTwo = threads.submit(() -> {
                    go.await();
                    return two.events().end(run, new RunEvent.Failed("instance_lost", "two", null, true));
                });
                go.countDown();
                assertThat(List.of(byOne.get(), byTwo.get())).containsExactlyInAnyOrder(true, false);
            }
            assertThat(one.events().lastSeq(run)).contains(2L);
        }
    }

    @Test
    void aFollowerWaitsInRedisForTheNextEventAndAResumeAtTheEndIsDoneAtOnce() throws Exception {
        String run = Ids.next("r-");
        one.events().open(run, startEvent());
        try (var subscription = two.events().follow(run, 1)) {
            assertThat(subscription.poll(Duration.ofMillis(200))).isEmpty();
            one.events().append(run, new RunEvent.Warning("w", "late"));
            assertThat(subscription.poll(Duration.ofSeconds(2))).map(Sequenced::seq).contains(2L);
        }
        one.events().end(run, new RunEvent.Cancelled("done"));
        try (var atTheEnd = two.events().follow(run, 3)) {
            assertThat(atTheEnd.finished()).isTrue();
            assertThat(atTheEnd.poll(Duration.ofSeconds(5))).isEmpty();
        }
        assertThatThrownBy(() -> two.events().follow("r-unknown", 0)).isInstanceOf(EventFeed.UnknownRunException.class);
    }

    @Test
    void aRunPastItsByteCapIsRefusedButCanStillEnd() {
        String run = Ids.next("r-");
        one.events().open(run, startEvent());
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                one.events().append(run, new RunEvent.Warning("w", "x".repeat(200)));
            }
        }).isInstanceOf(EventLogFull.class);
        assertThat(one.events().end(run, new RunEvent.Failed("event_log_full", "full", null, false))).isTrue();
        assertThatThrownBy(() -> one.events().append(run, new RunEvent.Warning("w", "after")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRunsOfAnInstanceWhoseLeaseStaysExpiredAreOrphansUntilEnded() throws Exception {
        var settings = new EventLogSettings.Redis("127.0.0.1", server.port(), 0, new Secret(""), false,
                Duration.ofSeconds(3), Duration.ofSeconds(2));
        var gone = RedisCluster.open(settings, 4096, Duration.ofMinutes(10), new SimpleMeterRegistry(),
                Clock.systemUTC());
        String run = Ids.next("r-");
        gone.events().open(run, startEvent());
        assertThat(one.orphans()).doesNotContain(run);
        gone.close(); // its lease goes: as if it died (a killed instance's lease expires instead)
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!one.orphans().contains(run)) {
            assertThat(System.nanoTime()).as("orphaned within 10 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(one.events().end(run, new RunEvent.Failed("instance_lost", "lost", null, true))).isTrue();
        assertThat(two.events().end(run, new RunEvent.Failed("instance_lost", "lost", null, true))).isFalse();
        assertThat(one.orphans()).doesNotContain(run);
    }

    @Test
    void aCancelReachesTheInstanceRunningTheRunAndOnlyWhileItRuns() throws Exception {
        String run = Ids.next("r-");
        one.events().open(run, startEvent());
        var received = new java.util.concurrent.LinkedBlockingQueue<String>();
        one.onCancel((id, reason) -> received.add(id + ":" + reason));
        assertThat(two.cancel(run, "stop")).isTrue();
        assertThat(received.poll(2, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(run + ":stop");
        one.events().end(run, new RunEvent.Cancelled("stop"));
        assertThat(two.cancel(run, "again")).isFalse();
        assertThat(two.cancel("r-unknown", "x")).isFalse();
    }
}
