package scriptorium.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scriptorium.events.MemoryEventLog;
import scriptorium.events.Mode;
import scriptorium.events.RunEvent;
import scriptorium.events.Sequenced;
import scriptorium.store.StoreException;

/** A run's steps reach its log only once its start is stored, in the order emitted; a refused start drops them. */
class StartGateTest {

    private static final String RUN = "r-gate";

    private final MemoryEventLog events = new MemoryEventLog(Duration.ofMinutes(1),
            new MemoryEventLog.Budget(1 << 20, 1 << 24), Clock.systemUTC(), Duration.ofMinutes(1));
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger interrupts = new AtomicInteger();
    private final StartGate gate = new StartGate(RUN, events, interrupts::incrementAndGet);

    @AfterEach
    void close() {
        threads.close();
        events.close();
    }

    @Test
    void stepsWaitForTheStoredStartThenFollowItInTheOrderEmitted() throws Exception {
        events.open(RUN, new RunEvent.Start("s-1", Mode.AUTO, "m-1"));
        var stored = new CompletableFuture<Void>();
        gate.track(stored, threads);
        gate.pass(warning(1));
        gate.pass(warning(2));
        assertThat(events.lastSeq(RUN)).contains(1L); // only `start`

        stored.complete(null);
        for (int i = 3; i <= 200; i++) { // emitted while the held ones are appended: they queue behind them
            gate.pass(warning(i));
        }
        gate.await(Duration.ofSeconds(5));
        gate.pass(warning(201));

        assertThat(messages()).isEqualTo(numbers(201));
        assertThat(gate.stored()).isTrue();
        assertThat(interrupts).hasValue(0);
    }

    @Test
    void aStartTheStoreRefusedDropsWhatWasHeldAndStopsTheRun() throws Exception {
        events.open(RUN, new RunEvent.Start("s-1", Mode.AUTO, "m-1"));
        var stored = new CompletableFuture<Void>();
        gate.track(stored, threads);
        gate.pass(warning(1));

        stored.completeExceptionally(new StoreException("the database is down", null));

        assertThatThrownBy(() -> gate.await(Duration.ofSeconds(5))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> gate.pass(warning(2))).isInstanceOf(StoreException.class);
        assertThat(gate.failure()).hasMessage("the database is down");
        assertThat(events.lastSeq(RUN)).contains(1L);
        assertThat(interrupts).hasValue(1);
    }

    @Test
    void aStartNotStoredInTimeIsRefused() throws Exception {
        events.open(RUN, new RunEvent.Start("s-1", Mode.AUTO, "m-1"));
        gate.track(new CompletableFuture<>(), threads);
        gate.pass(warning(1));

        assertThatThrownBy(() -> gate.await(Duration.ofMillis(50))).isInstanceOf(StoreException.class)
                .hasMessageContaining("not stored within");
        assertThat(events.lastSeq(RUN)).contains(1L);
    }

    private static RunEvent.Warning warning(int n) {
        return new RunEvent.Warning(RunEvent.Warning.MODEL_RETRY, Integer.toString(n));
    }

    private List<String> messages() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        try (var subscription = events.follow(RUN, 1)) {
            for (Optional<Sequenced> next; (next = subscription.poll(Duration.ZERO)).isPresent(); ) {
                seen.add(((RunEvent.Warning) next.get().event()).message());
            }
        }
        return seen;
    }

    private static List<String> numbers(int last) {
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= last; i++) {
            numbers.add(Integer.toString(i));
        }
        return numbers;
    }
}
