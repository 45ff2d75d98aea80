package scriptorium.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.config.Settings;
import scriptorium.config.StoreSettings.Limits;

/** The store writer cannot freeze its callers: bounded queue, deadlines, and a writer that survives any failure. */
@Timeout(60)
class GroupCommitTest {

    private static final Limits LIMITS = new Limits(Duration.ofSeconds(1), 16);

    @TempDir
    Path dataDir;
    private Database database;
    private GroupCommit writes;

    @BeforeEach
    void open() {
        database = Database.open(Settings.from(Map.of("SCRIPTORIUM_DATA", dataDir.toString())).store());
        writes = new GroupCommit(database.dataSource(), LIMITS);
    }

    @AfterEach
    void close() {
        writes.close();
        database.close();
    }

    @Test
    void aWriteThatThrowsFailsAloneAndTheWriterGoesOn() {
        assertThatThrownBy(() -> writes.write("a buggy write", tx -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(StoreException.class).hasMessageContaining("a buggy write");
        assertThatThrownBy(() -> writes.write("an error", tx -> {
            throw new AssertionError("worse");
        })).isInstanceOf(StoreException.class);
        writes.write("a good write", tx -> tx.update("CREATE TABLE survived (id INT)"));
        assertThat(new Sql(database.dataSource()).query("SELECT COUNT(*) AS n FROM survived", row -> row.getLong("n")))
                .containsExactly(0L);
    }

    @Test
    void aFullQueueMakesWritersWaitThenRefusesWithinTheDeadline() throws Exception {
        var writerHeld = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            callers.submit(() -> writes.write("a slow write", tx -> {
                writerHeld.countDown();
                await(release);
            }));
            assertThat(writerHeld.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> queued = new ArrayList<>();
            for (int i = 0; i < LIMITS.writeQueue() - 1; i++) { // the slow write holds one place
                queued.add(callers.submit(() -> writes.write("a queued write", tx -> { })));
            }
            Thread.sleep(100); // let them take their places
            long started = System.nanoTime();
            assertThatThrownBy(() -> writes.write("one write too many", tx -> { }))
                    .isInstanceOf(StoreException.class).hasMessageContaining("writes are waiting for the database");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(3));
            release.countDown();
        }
        writes.write("the queue has room again once the writer is free", tx -> { });
    }

    @Test
    void aCallerWaitsNoLongerThanTheDeadlineForItsCommit() throws Exception {
        var release = new CountDownLatch(1);
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> slow = callers.submit(() -> writes.write("a slow write", tx -> await(release)));
            long started = System.nanoTime();
            assertThatThrownBy(slow::get).hasCauseInstanceOf(StoreException.class)
                    .hasMessageContaining("did not commit within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            release.countDown();
        }
        writes.write("after the slow one", tx -> { });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aClosedWriterRefusesNewWrites() {
        writes.close();
        assertThatThrownBy(() -> writes.write("too late", tx -> { }))
                .isInstanceOf(StoreException.class).hasMessageContaining("the store is closing");
    }
}
