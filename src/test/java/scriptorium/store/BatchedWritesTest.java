package scriptorium.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.config.Settings;
import scriptorium.config.StoreSettings.Limits;

/**
 * The store writer sends the statements of a group in batches, one per statement text (issue 15): many runs
 * starting and ending at once cost a few round trips each group, and every row is stored as if written alone.
 */
@Timeout(60)
class BatchedWritesTest {

    private static final int RUNS = 200;
    private static final Set<String> SENDS = Set.of("execute", "executeUpdate", "executeQuery", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    @TempDir
    Path dataDir;
    private final AtomicInteger statements = new AtomicInteger();
    private final AtomicInteger sends = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();

    @Test
    void runsStartingAndEndingTogetherShareBatchesAndEveryRowIsStored() throws Exception {
        try (var database = Database.open(Settings.from(Map.of("SCRIPTORIUM_DATA", dataDir.toString())).store())) {
            DataSource counted = counting(database.dataSource());
            try (var writes = new GroupCommit(counted, new Limits(Duration.ofSeconds(10), 4096))) {
                var runs = new RunStore(counted, writes);
                List<CompletableFuture<Void>> started = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) { // queued together, as a burst of runs does
                    started.add(runs.starting("r-" + i, UserStore.LOCAL_OWNER, "discussion", question(i), true));
                }
                CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
                int startSends = sends.getAndSet(0);
                int startStatements = statements.getAndSet(0);
                int startCommits = commits.getAndSet(0);

                List<Thread> ending = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    int run = i;
                    ending.add(Thread.ofVirtual().start(() -> runs.ended("r-" + run, outcome(), answers(run), List.of())));
                }
                for (Thread thread : ending) {
                    thread.join();
                }
                System.out.printf("%d runs: start %d statements, %d round trips, %d commits; end %d statements,"
                        + " %d round trips, %d commits%n", RUNS, startStatements, startSends, startCommits,
                        statements.get(), sends.get(), commits.get());

                assertThat(startStatements).isEqualTo(3 * RUNS); // a new conversation, the question, the run
                assertThat(statements.get()).isEqualTo(6 * RUNS); // five messages, the run's outcome
                assertThat(startSends + sends.get()).as("round trips for %d runs", RUNS).isLessThan(RUNS);
            }
            var sql = new Sql(database.dataSource());
            assertThat(sql.query("SELECT COUNT(*) FROM messages", row -> row.getLong(1))).containsExactly(6L * RUNS);
            assertThat(sql.query("SELECT COUNT(*) FROM runs WHERE status = 'completed'", row -> row.getLong(1)))
                    .containsExactly((long) RUNS);
            var conversation = new ConversationStore(database.dataSource());
            assertThat(conversation.messages(UserStore.LOCAL_OWNER, "s-7")).extracting(StoredMessage::id)
                    .containsExactly("m-7", "m-7-0", "m-7-1", "m-7-2", "m-7-3", "m-7-4");
        }
    }

    private static StoredMessage question(int run) {
        return new StoredMessage("m-" + run, "s-" + run, "r-" + run, "user", "user", StoredMessage.Kind.QUESTION,
                "Compare les deux approches du sujet " + run, 0, 0, false, Instant.now());
    }

    private static List<StoredMessage> answers(int run) {
        List<StoredMessage> messages = new ArrayList<>();
        for (int turn = 0; turn < 5; turn++) {
            messages.add(new StoredMessage("m-" + run + "-" + turn, "s-" + run, "r-" + run, "plume",
                    turn == 4 ? "user" : "mimir", turn == 4 ? StoredMessage.Kind.ANSWER : StoredMessage.Kind.TURN,
                    "tour " + turn, 10, 50, false, Instant.now()));
        }
        return messages;
    }

    private static RunStore.Outcome outcome() {
        return new RunStore.Outcome("completed", "discussion", Instant.now(), 1000, 50, 250, 0, 0, 0.01,
                "anthropic/claude", null, null, 300);
    }

    /** {@code dataSource}, counting the statements run or queued, the round trips that send them, and commits. */
    private DataSource counting(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (method, result) -> method.equals("getConnection")
                ? proxy(Connection.class, (Connection) result, (connectionMethod, statement) -> {
                    if (connectionMethod.equals("commit")) {
                        commits.incrementAndGet();
                    }
                    return connectionMethod.equals("prepareStatement")
                            ? proxy(PreparedStatement.class, (PreparedStatement) statement, (call, answer) -> {
                                if (call.equals("addBatch") || call.equals("executeUpdate")) {
                                    statements.incrementAndGet();
                                }
                                if (SENDS.contains(call)) {
                                    sends.incrementAndGet();
                                }
                                return answer;
                            })
                            : statement;
                })
                : result);
    }

    @FunctionalInterface
    private interface After {
        Object after(String method, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return after.after(method.getName(), method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
