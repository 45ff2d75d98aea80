package scriptorium.run;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.config.Settings.RunSettings;
import scriptorium.events.Cluster;
import scriptorium.events.EventLog;
import scriptorium.store.Ids;
import scriptorium.knowledge.NoteService;
import scriptorium.orchestrator.Workflow;
import scriptorium.store.ConversationStore;
import scriptorium.store.RunRecord;
import scriptorium.store.RunStore;

/**
 * The runs as the entry points see them: start one, find it, cancel it, and stop them all at shutdown. A run
 * outlives the connection that asked for it (PROTOCOL §4.4); {@link RunExecutor} carries each from start to end.
 */
public final class RunService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    private static final CompletableFuture<Void> NOTHING_BEFORE = CompletableFuture.completedFuture(null);

    private final RunExecutor executor;
    private final Workflow workflow;
    private final RunStore runs;
    private final ConversationStore conversations;
    private final EventLog events;
    private final RunMetrics metrics;
    private final RunSettings settings;
    private final Clock clock;
    private final Cluster cluster;
    /** Looks every second for runs of instances that died (scaled out only). */
    private final ScheduledExecutorService lostRuns = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("lost-runs").factory());
    private final Duration storeTimeout;
    /** Per conversation, the last run started: the next one waits until it is stored (its answer is history). */
    private final Map<String, LiveRun> lastOfConversation = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RunService(EventLog events, Workflow workflow, ConversationStore conversations, RunStore runs,
                      RunSettings settings, Duration storeTimeout, MeterRegistry meters, Clock clock) {
        this(events, Cluster.ALONE, workflow, conversations, runs, settings, storeTimeout, meters, clock, Citations.NONE);
    }

    /**
     * A run service whose runs' citations are checked against {@code notes} (PROTOCOL §7).
     *
     * @param cluster the other instances serving the same runs: cancels for this instance's runs come from it, and
     *                the runs of instances that died are ended here (`instance_lost`)
     */
    public RunService(EventLog events, Cluster cluster, Workflow workflow, ConversationStore conversations,
                      RunStore runs, RunSettings settings, Duration storeTimeout, MeterRegistry meters, Clock clock,
                      NoteService notes) {
        this(events, cluster, workflow, conversations, runs, settings, storeTimeout, meters, clock,
                new Citations((owner, ids) -> notes.forOwner(owner).find(ids)));
    }

    private RunService(EventLog events, Cluster cluster, Workflow workflow, ConversationStore conversations,
                       RunStore runs, RunSettings settings, Duration storeTimeout, MeterRegistry meters, Clock clock,
                       Citations citations) {
        this.cluster = cluster;
        this.metrics = new RunMetrics(meters, this::liveRuns);
        this.executor = new RunExecutor(events, conversations, runs, metrics, storeTimeout, citations);
        this.workflow = workflow;
        this.runs = runs;
        this.conversations = conversations;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.storeTimeout = storeTimeout;
        if (cluster != Cluster.ALONE) {
            // Other instances' runs are live in the table: their rows are theirs. A dead instance's runs are
            // ended (and marked interrupted) by the survivors, this one included, through the lost runs' watch.
            cluster.onCancel((runId, reason) -> executor.live(runId).ifPresent(run -> run.cancel(reason)));
            lostRuns.scheduleWithFixedDelay(new LostRuns(cluster, events, runs, clock), 1, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Alone (no cluster), marks the runs the last stop left in progress as interrupted. Called once at start, once the
     * database is open: not in the constructor, which runs while the database opens and the server starts listening.
     */
    public void interruptLeftovers() {
        if (cluster != Cluster.ALONE) {
            return; // other instances' runs are live in the table; the lost runs' watch ends a dead instance's
        }
        try {
            int interrupted = runs.interruptLeftovers(clock.instant());
            if (interrupted > 0) {
                log.warn("{} run(s) were in progress when the server last stopped: marked interrupted", interrupted);
            }
        } catch (RuntimeException e) {
            log.warn("could not mark the runs of the last stop as interrupted: {}", e.getMessage());
        }
    }

    /**
     * Accepts a run: opens its log with `start` and runs it in the background.
     *
     * @throws ShuttingDown once the server stops taking runs
     */
    public StartedRun start(RunRequest request) {
        return start(request, workflow);
    }

    /**
     * Accepts a run that does {@code work} rather than the orchestrator's routing (a capture: transcribe, then
     * route); otherwise as {@link #start(RunRequest)}: the same start, terminal event and storage.
     */
    public StartedRun start(RunRequest request, Workflow work) {
        if (closed) {
            throw new ShuttingDown();
        }
        if (request.sessionId() != null && conversations.takenByAnother(request.owner(), request.sessionId())) {
            throw new ConversationNotYours(request.sessionId()); // every entry point: chat, capture, MCP
        }
        String sessionId = request.sessionId() != null ? request.sessionId() : Ids.next("s-");
        LiveRun previous = lastOfConversation.get(sessionId);
        var run = new LiveRun(request, work, sessionId, previous == null ? NOTHING_BEFORE : previous.stored, events,
                storeTimeout, metrics, clock);
        lastOfConversation.put(sessionId, run);
        run.stored.whenComplete((ok, failed) -> lastOfConversation.remove(sessionId, run));
        try {
            executor.start(run);
        } catch (RuntimeException refused) {
            run.stored.complete(null); // nothing to wait for: the run never ran
            throw refused;
        }
        return new StartedRun(run.runId, sessionId);
    }

    /** {@code owner}'s run as it is now, live or as stored; another user's is not found. */
    public Optional<RunRecord> find(String owner, String runId) {
        Optional<LiveRun> live = executor.live(runId).filter(run -> run.request.owner().equals(owner));
        if (live.isPresent()) {
            return live.map(run -> run.record(events.lastSeq(runId).orElse(0L)));
        }
        Optional<RunRecord> stored = runs.find(owner, runId);
        if (stored.isPresent() || cluster == Cluster.ALONE || events.lastSeq(runId).isEmpty()) {
            return stored;
        }
        // Live on another instance, which sent `start` before storing the run's row: the row follows shortly.
        // Whose run it is waits for the row (whoever asks); a row of another owner answers at once.
        long deadline = System.nanoTime() + storeTimeout.toNanos();
        while (!runs.stored(runId) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return runs.find(owner, runId);
    }

    /**
     * Waits (up to the store's timeout) until the conversation's last run is stored: the outcome is stored after
     * the terminal event is sent, and a client that has it reads the run's messages next.
     */
    public void awaitStored(String sessionId) {
        LiveRun last = lastOfConversation.get(sessionId);
        if (last != null) {
            try {
                last.stored.get(storeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("conversation {} read before its last run was stored", sessionId);
            }
        }
    }

    public Optional<Long> lastSeq(String runId) {
        return events.lastSeq(runId);
    }

    /**
     * Cancels a live run, here or on the instance running it; false when no instance runs it (unknown, or
     * already ended).
     */
    public boolean cancel(String runId, String reason) {
        Optional<LiveRun> run = executor.live(runId).filter(r -> r.ended == null);
        run.ifPresent(r -> r.cancel(reason));
        return run.isPresent() || cluster.cancel(runId, reason);
    }

    public int liveRuns() {
        return executor.liveRuns();
    }

    /** New runs get 503; live ones get the grace period, then are cancelled, and each writes its own end. */
    @Override
    public void close() {
        closed = true;
        lostRuns.shutdownNow();
        executor.close(settings.shutdownGrace());
    }

    /** The ids a new run answers with ({@code X-Run-Id}, {@code X-Session-Id}). */
    public record StartedRun(String runId, String sessionId) {}
}
