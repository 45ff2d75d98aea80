package scriptorium.run;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.config.Settings.RunSettings;
import scriptorium.store.ConversationStore;
import scriptorium.store.RunRecord;
import scriptorium.store.RunStore;

/**
 * Starts runs on virtual threads of its own, so that a run outlives the connection that asked for it
 * (PROTOCOL §4.4), and finds, cancels and finally shuts them down.
 */
public final class RunService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    private final RunExecutor executor;
    private final ConversationStore conversations;
    private final RunStore runs;
    private final EventLog events;
    private final RunSettings settings;
    private final Clock clock;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-", 0).factory());
    private final Map<String, RunContext> live = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RunService(EventLog events, Workflow workflow, ConversationStore conversations, RunStore runs,
                      RunSettings settings, MeterRegistry meters, Clock clock) {
        this.executor = new RunExecutor(events, workflow, conversations, runs,
                new RunMetrics(meters, () -> live.size()), clock);
        this.conversations = conversations;
        this.runs = runs;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        int interrupted = runs.interruptLeftovers(clock.instant());
        if (interrupted > 0) {
            log.warn("{} run(s) were in progress when the server last stopped: marked interrupted", interrupted);
        }
    }

    /** Stores the question and the run, opens the run's log with `start`, and runs it in the background. */
    public StartedRun start(RunRequest request) {
        if (closed) {
            throw new ShuttingDown();
        }
        String sessionId = request.sessionId() != null ? request.sessionId() : Ids.next("s-");
        String runId = Ids.next("r-");
        var run = new RunContext(runId, sessionId, Ids.next("m-"), request, clock.instant(), executor);
        executor.begin(run);
        live.put(runId, run);
        threads.execute(() -> {
            try {
                executor.execute(run);
            } finally {
                live.remove(runId);
            }
        });
        return new StartedRun(runId, sessionId);
    }

    /** {@code owner}'s run; another user's is not found. */
    public Optional<RunRecord> find(String owner, String runId) {
        return runs.find(owner, runId);
    }

    public Optional<Long> lastSeq(String runId) {
        return events.lastSeq(runId);
    }

    /** Cancels a live run; false when no such run is running (unknown, or already ended). */
    public boolean cancel(String runId, String reason) {
        RunContext run = live.get(runId);
        if (run == null) {
            return false;
        }
        run.cancel(reason);
        return true;
    }

    public int liveRuns() {
        return live.size();
    }

    /** New runs are refused; live ones get the grace period, then are cancelled, and each writes its end. */
    @Override
    public void close() {
        closed = true;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("cancelling {} live run(s): the server is stopping", live.size());
                live.values().forEach(run -> run.cancel("the server is shutting down"));
                if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("{} run(s) did not end within 10 s of being cancelled", live.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ids a new run answers with ({@code X-Run-Id}, {@code X-Session-Id}). */
    public record StartedRun(String runId, String sessionId) {}

    /** The server is stopping: new runs get 503. */
    public static final class ShuttingDown extends RuntimeException {
        public ShuttingDown() {
            super("the server is shutting down", null, false, false);
        }
    }
}
