package scriptorium.run;

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
import org.junit.jupiter.api.Test;

class MemoryEventLogTest {

    private final MutableClock clock = new MutableClock();
    private final MemoryEventLog log = new MemoryEventLog(Duration.ofMinutes(10), clock);

    @Test
    void appendsAreNumberedOneTwoThreeWithoutGaps() {
        log.open("r1");
        assertThat(log.append("r1", new RunEvent.Warning("a", "a")).seq()).isEqualTo(1);
        assertThat(log.append("r1", new RunEvent.Warning("b", "b")).seq()).isEqualTo(2);
        assertThat(log.lastSeq("r1")).hasValue(2L);
    }

    @Test
    void aReaderReplaysAfterItsSeqThenFollowsLiveUntilTheTerminalEvent() throws Exception {
        log.open("r1");
        for (int i = 0; i < 5; i++) {
            log.append("r1", new RunEvent.Warning("w", "event " + i));
        }
        try (var reader = log.follow("r1", 3)) {
            assertThat(reader.poll(Duration.ZERO).orElseThrow().seq()).isEqualTo(4);
            assertThat(reader.poll(Duration.ZERO).orElseThrow().seq()).isEqualTo(5);
            assertThat(reader.poll(Duration.ofMillis(20))).isEmpty();
            assertThat(reader.finished()).isFalse();
            log.append("r1", new RunEvent.Cancelled("stop"));
            assertThat(reader.poll(Duration.ZERO).orElseThrow().terminal()).isTrue();
            assertThat(reader.finished()).isTrue();
        }
    }

    @Test
    void manyReadersEachGetEveryEventInOrderWhileTheRunAppends() throws Exception {
        log.open("r1");
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
            for (int i = 0; i < 999; i++) {
                log.append("r1", new RunEvent.Warning("w", Integer.toString(i)));
            }
            log.append("r1", new RunEvent.Cancelled("end"));
            for (var reader : readers) {
                assertThat(reader.get()).hasSize(1000).isSorted().doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void nothingIsAppendedAfterTheTerminalEvent() {
        log.open("r1");
        log.append("r1", new RunEvent.Cancelled("end"));
        assertThatThrownBy(() -> log.append("r1", new RunEvent.Warning("late", "late")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEndedRunIsReplayableDuringRetentionThenDropped() {
        log.open("old");
        log.append("old", new RunEvent.Cancelled("end"));
        clock.advance(Duration.ofMinutes(9));
        log.open("r2");
        assertThat(log.follow("old", 0)).isNotNull();
        clock.advance(Duration.ofMinutes(2));
        log.open("r3");
        assertThatThrownBy(() -> log.follow("old", 0)).isInstanceOf(EventLog.UnknownRunException.class);
        assertThat(log.lastSeq("old")).isEqualTo(Optional.empty());
        assertThat(log.size()).isEqualTo(2);
    }

    @Test
    void anUnknownRunCannotBeFollowed() {
        assertThatThrownBy(() -> log.follow("nope", 0)).isInstanceOf(EventLog.UnknownRunException.class);
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
