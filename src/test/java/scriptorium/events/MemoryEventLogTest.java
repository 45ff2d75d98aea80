package scriptorium.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryEventLogTest {

    private static final RunEvent.Start START = new RunEvent.Start("s1", Mode.AUTO, "m1");

    private final MutableClock clock = new MutableClock();
    private final MemoryEventLog log = new MemoryEventLog(Duration.ofMinutes(10),
            new MemoryEventLog.Budget(1 << 20, 4 << 20), clock, Duration.ofMinutes(1));
    private final MemoryEventLog small = new MemoryEventLog(Duration.ofMinutes(10),
            new MemoryEventLog.Budget(64 * 1024, 256 * 1024), clock, Duration.ofMinutes(1));

    @AfterEach
    void close() {
        log.close();
        small.close();
    }

    @Test
    void appendsAreNumberedOneTwoThreeWithoutGaps() {
        assertThat(log.open("r1", START).seq()).isEqualTo(1);
        assertThat(log.append("r1", new RunEvent.Warning("a", "a")).seq()).isEqualTo(2);
        assertThat(log.append("r1", new RunEvent.Warning("b", "b")).seq()).isEqualTo(3);
        assertThat(log.lastSeq("r1")).hasValue(3L);
    }

    @Test
    void aReaderReplaysAfterItsSeqThenFollowsLiveUntilTheTerminalEvent() throws Exception {
        log.open("r1", START);
        for (int i = 0; i < 4; i++) {
            log.append("r1", new RunEvent.Warning("w", "event " + i));
        }
        try (var reader = log.follow("r1", 3)) {
            assertThat(reader.poll(Duration.ZERO).orElseThrow().seq()).isEqualTo(4);
            assertThat(reader.poll(Duration.ZERO).orElseThrow().seq()).isEqualTo(5);
            assertThat(reader.poll(Duration.ofMillis(20))).isEmpty();
            assertThat(reader.finished()).isFalse();
            assertThat(log.end("r1", new RunEvent.Cancelled("stop"))).isTrue();
            assertThat(reader.poll(Duration.ZERO).orElseThrow().terminal()).isTrue();
            assertThat(reader.finished()).isTrue();
        }
    }

    @Test
    void manyReadersEachGetEveryEventInOrderWhileTheRunAppends() throws Exception {
        log.open("r1", START);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Long>>> readers = new ArrayList<>();
            for (int r = 0; r < 50; r++) {
                readers.add(pool.submit(() -> {
                    List<Long> seqs = new ArrayList<>();
                    try (var reader = log.follow("r1", 0)) {
                        while (!reader.finished()) {
                            reader.poll(Duration.ofSeconds(5)).ifPresent(e -> seqs.add(e.seq()));
                        }
                    }
                    return seqs;
                }));
            }
            for (int i = 0; i < 998; i++) {
                log.append("r1", new RunEvent.Warning("w", Integer.toString(i)));
            }
            log.end("r1", new RunEvent.Cancelled("end"));
            for (var reader : readers) {
                assertThat(reader.get()).hasSize(1000).isSorted().doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void nothingIsAppendedAfterTheTerminalEventAndASecondTerminalIsRefused() {
        log.open("r1", START);
        assertThat(log.end("r1", new RunEvent.Cancelled("end"))).isTrue();
        assertThatThrownBy(() -> log.append("r1", new RunEvent.Warning("late", "late")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(log.end("r1", new RunEvent.Failed("internal", "again", null, false))).isFalse();
        assertThat(log.lastSeq("r1")).hasValue(2L);
    }

    @Test
    void aRunThatOutgrowsItsBudgetIsRefusedButCanStillEnd() {
        small.open("big", START);
        String chunk = "x".repeat(1000);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                small.append("big", new RunEvent.Warning("w", chunk));
            }
        }).isInstanceOf(EventLogFull.class).hasMessageContaining("run big outgrew its event budget of 64 KiB");
        long last = small.lastSeq("big").orElseThrow();
        assertThat(small.end("big", new RunEvent.Failed("event_log_full", "full", null, false))).isTrue();
        assertThat(small.lastSeq("big")).hasValue(last + 1);
    }

    @Test
    void whenAllRunsFillTheLogEndedRunsAreDroppedFirstThenAppendsRefused() {
        String chunk = "x".repeat(10_000);
        for (int run = 0; run < 4; run++) {         // 4 ended runs of ~60 KiB fill most of the 256 KiB
            small.open("ended" + run, START);
            for (int i = 0; i < 3; i++) {
                small.append("ended" + run, new RunEvent.Warning("w", chunk));
            }
            small.end("ended" + run, new RunEvent.Cancelled("end"));
        }
        small.open("live", START);
        for (int i = 0; i < 3; i++) {
            small.append("live", new RunEvent.Warning("w", chunk));
        }
        assertThatThrownBy(() -> small.follow("ended0", 0)).isInstanceOf(EventFeed.UnknownRunException.class);
        assertThat(small.bytes()).isLessThanOrEqualTo(256 * 1024);
        for (int run = 2; run <= 5; run++) {
            small.open("live" + run, START);
        }
        assertThatThrownBy(() -> {              // 5 live runs of ~60 KiB cannot fit: ended ones go, then no room
            for (int i = 0; i < 12; i++) {
                small.append("live" + (2 + i % 4), new RunEvent.Warning("w", chunk));
            }
        }).isInstanceOf(EventLogFull.class).hasMessageContaining("the event log is full");
        assertThat(small.size()).isEqualTo(5);
        assertThat(small.bytes()).isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void anEndedRunIsReplayableDuringRetentionThenDroppedByTheTimer() throws Exception {
        try (var swept = new MemoryEventLog(Duration.ofMinutes(10), new MemoryEventLog.Budget(1 << 20, 1 << 20),
                clock, Duration.ofMillis(10))) {
            swept.open("old", START);
            swept.end("old", new RunEvent.Cancelled("end"));
            swept.open("live", START);
            clock.advance(Duration.ofMinutes(9));
            Thread.sleep(50); // several sweeps: none may drop a run inside its retention
            assertThat(swept.follow("old", 0)).isNotNull();
            clock.advance(Duration.ofMinutes(2));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (swept.size() > 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThatThrownBy(() -> swept.follow("old", 0)).isInstanceOf(EventFeed.UnknownRunException.class);
            assertThat(swept.lastSeq("old")).isEqualTo(Optional.empty());
            assertThat(swept.size()).isEqualTo(1);
            assertThat(swept.lastSeq("live")).hasValue(1L);
        }
    }

    @Test
    void aLongWaitLeftToTheTickEndsWithItsTimeoutOrAtOnceWithTheNextEventOrTheLogsClose() throws Exception {
        log.open("r1", START);
        try (var reader = log.follow("r1", 1); var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long started = System.nanoTime();
            assertThat(reader.poll(Duration.ofMillis(1200))).isEmpty(); // a heartbeat's wait: no timer, the tick's
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(waitedMillis).isBetween(1200L, 1200L + 10 * MemoryEventLog.TICK_MILLIS);

            Future<Optional<Sequenced>> next = pool.submit(() -> reader.poll(Duration.ofSeconds(30)));
            Thread.sleep(50);
            started = System.nanoTime();
            log.append("r1", new RunEvent.Warning("w", "now"));
            assertThat(next.get(5, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().seq()).isEqualTo(2);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);

            Future<Optional<Sequenced>> none = pool.submit(() -> reader.poll(Duration.ofMillis(1500)));
            Thread.sleep(50);
            log.close(); // no tick any more: the wait keeps its own timer and still ends
            assertThat(none.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void anUnknownRunCannotBeFollowed() {
        assertThatThrownBy(() -> log.follow("nope", 0)).isInstanceOf(EventFeed.UnknownRunException.class);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
