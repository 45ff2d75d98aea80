package scriptorium.run;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import scriptorium.agent.Answer;
import scriptorium.agent.PastMessage;
import scriptorium.agent.RunInput;
import scriptorium.events.EventLog;
import scriptorium.events.EventLogUnavailable;
import scriptorium.events.RunEvent;
import scriptorium.events.RunResult;
import scriptorium.llm.Agent;
import scriptorium.store.ConversationStore;
import scriptorium.store.RunStore;
import scriptorium.store.StoreException;
import scriptorium.store.StoredCitation;

/**
 * Carries each run from accepted to stored, on a virtual thread of its own (PROTOCOL §4.4): opens its log with
 * `start`, stores the question, runs the workflow, writes the one terminal event (PROTOCOL §4.1), then stores
 * the outcome. The only writer of `start` and of terminal events: whatever throws (the workflow, the database,
 * a refused thread, a bug), the run ends with exactly one, and only then is stored.
 */
final class RunExecutor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);
    private static final int HISTORY_MESSAGES = 20;

    private final EventLog events;
    private final ConversationStore conversations;
    private final RunStore runs;
    private final RunMetrics metrics;
    private final Duration storeTimeout;
    private final Citations citations;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-", 0).factory());
    private final Map<String, LiveRun> live = new ConcurrentHashMap<>();

    RunExecutor(EventLog events, ConversationStore conversations, RunStore runs, RunMetrics metrics,
                Duration storeTimeout, Citations citations) {
        this.events = events;
        this.conversations = conversations;
        this.runs = runs;
        this.metrics = metrics;
        this.storeTimeout = storeTimeout;
        this.citations = citations;
    }

    /**
     * Opens the run's log with `start` and runs it in the background: a client holding the run's id can follow
     * it at once. Nothing is stored yet, so no database round trip delays `start`.
     *
     * @throws ShuttingDown when the server stops taking runs (the run, if opened, ended with `error`)
     * @throws scriptorium.events.EventLogFull when the log has no room for another run (nothing opened)
     */
    void start(LiveRun run) {
        events.open(run.runId, new RunEvent.Start(run.sessionId, run.request.mode(), run.messageId));
        live.put(run.runId, run);
        try {
            threads.execute(() -> execute(run));
        } catch (RejectedExecutionException e) {
            finish(run, Failure.terminal(new ShuttingDown(), null));
            throw new ShuttingDown();
        }
    }

    /** The run, from accepted until stored (it may have ended already: see {@link LiveRun#ended}). */
    Optional<LiveRun> live(String runId) {
        return Optional.ofNullable(live.get(runId));
    }

    int liveRuns() {
        return live.size();
    }

    private void execute(LiveRun run) {
        try (var ignoredRun = MDC.putCloseable("run_id", run.runId);
             var ignoredSession = MDC.putCloseable("session_id", run.sessionId)) {
            log.info("run started: mode={}", run.request.mode().id());
            finish(run, outcome(run));
        }
    }

    private RunEvent.Terminal outcome(LiveRun run) {
        try {
            awaitPreviousRun(run);
            // The run works while its start is stored; its steps wait in its gate until the row is committed.
            run.gate.track(runs.starting(run.runId, run.request.owner(), run.request.mode().id(), run.question(),
                    run.request.sessionId() == null), threads);
            run.input(new RunInput(run.request.message(), run.request.mode(), history(run), run.request.contextIds(),
                    run.request.owner()));
            Answer answer = run.workflow.run(run);
            citations.check(run); // PROTOCOL §7: before `complete`, which lists them
            return new RunEvent.Completed(new RunResult(answer.response(), run.route(), answer.agentsInvolved(),
                    answer.turns(), run.sessionId, run.runId, run.noteIds(), run.elapsed().toMillis(), run.usage(),
                    run.costUsd(), run.model(), run.errors(), run.warnings(), run.citations()));
        } catch (Throwable t) { // top of the run's thread: every outcome becomes one terminal event
            if (run.gate.failure() != null) { // its start was not stored: whatever the workflow threw came of that
                return Failure.terminal(run.gate.failure(), null); // finish() says so
            }
            if (run.cancelReason() != null) { // a cancel can surface as any failure of the interrupted call
                return new RunEvent.Cancelled(run.cancelReason());
            }
            Failure failure = Failure.of(t);
            if (failure.expected()) {
                log.warn("run failed in {}: {} ({})", nodeName(run), t.getMessage(), failure.code());
            } else {
                log.error("run failed in {}", nodeName(run), t);
            }
            return Failure.terminal(t, run.node());
        }
    }

    /**
     * Ends the run: its terminal event first, then its outcome stored. A store that fails is logged; the run's row
     * stays `running` and the next start marks it `interrupted`.
     */
    private void finish(LiveRun run, RunEvent.Terminal end) {
        try {
            end = afterStartStored(run, end);
            run.ended = end;
            if (!events.end(run.runId, end)) {
                log.error("run {} already had its terminal event: {} not written", run.runId, end);
            }
            RunStore.Outcome outcome = outcome(end, run, lastSeq(run));
            metrics.ended(run, outcome.status(), run.elapsed());
            if (log.isInfoEnabled()) { // the cost's format was 18 % of a run's end with the line off (LOG_LEVEL=warn)
                log.info("run ended: {} in {} ms, {} tokens, ${}", outcome.status(), run.elapsed().toMillis(),
                        run.usage().total(), String.format(Locale.ROOT, "%.5f", run.costUsd()));
            }
            if (!run.gate.tracked()) { // refused before its start was sent to the store: no row to end
                return;
            }
            if (!run.gate.stored()) { // its start failed or is late: its row, if it comes, says how it ended
                runs.ended(run.runId, outcome, List.of(), List.of()); // nothing of it was streamed
                return;
            }
            runs.ended(run.runId, outcome, run.written(), run.citations().stream()
                    .map(c -> new StoredCitation(c.messageId(), c.noteId(), c.quote(), c.verified(),
                            c.reason() == null ? null : c.reason().name().toLowerCase(Locale.ROOT)))
                    .toList());
        } catch (RuntimeException e) {
            log.error("run ended but could not be stored", e);
        } finally {
            live.remove(run.runId);
            run.stored.complete(null);
        }
    }

    /**
     * Waits until the run's start is stored and its held steps are in its log: only then may its terminal event
     * follow them. A start the store refused turns any end into that refusal, with nothing between (PROTOCOL §7).
     */
    private RunEvent.Terminal afterStartStored(LiveRun run, RunEvent.Terminal end) {
        try {
            run.gate.await(storeTimeout);
            return end;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refused(new StoreException("interrupted while the run's start was being stored", e));
        } catch (RuntimeException refused) {
            return refused(refused);
        }
    }

    private static RunEvent.Terminal refused(RuntimeException failure) {
        log.warn("run ended before its first step: its start was not stored, or its log refused it: {} ({})",
                failure.getMessage(), Failure.of(failure).code());
        return Failure.terminal(failure, null); // no node ran, as far as anyone watching knows
    }

    /** The seq of the run's terminal event, or 0 when the log cannot say (Redis away: its end is written later). */
    private long lastSeq(LiveRun run) {
        try {
            return events.lastSeq(run.runId).orElse(0L);
        } catch (EventLogUnavailable e) {
            log.warn("run {}: last seq unknown ({}); stored as 0", run.runId, e.getMessage());
            return 0;
        }
    }

    /**
     * Waits until the conversation's previous run is stored: its answer is part of this run's history, and this
     * run's question must be stored after it.
     */
    private void awaitPreviousRun(LiveRun run) throws InterruptedException {
        try {
            run.previousStored.get(storeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the previous run of this conversation is not stored yet; going on without waiting");
        }
    }

    /** The conversation's earlier questions and answers (this run's question excluded), for the agents. */
    private List<PastMessage> history(LiveRun run) {
        if (run.request.sessionId() == null) { // a conversation this run opened: nothing before it to read
            return List.of();
        }
        return conversations.history(run.request.owner(), run.sessionId, HISTORY_MESSAGES + 1).stream()
                .filter(m -> !m.id().equals(run.messageId))
                .flatMap(m -> Agent.parse(m.author()).map(author -> new PastMessage(author, m.content())).stream())
                .toList();
    }

    private static RunStore.Outcome outcome(RunEvent.Terminal end, LiveRun run, long lastSeq) {
        record Ended(String status, String code, String message) {}
        Ended ended = switch (end) {
            case RunEvent.Completed c -> new Ended(status(end), null, null);
            case RunEvent.Failed f -> new Ended(status(end), f.code(), f.message());
            case RunEvent.Cancelled c -> new Ended(status(end), "cancelled", c.reason());
        };
        var u = run.usage();
        return new RunStore.Outcome(ended.status(), run.route() == null ? null : run.route().id(),
                run.startedAt.plus(run.elapsed()), run.elapsed().toMillis(), u.inputTokens(), u.outputTokens(),
                u.cacheReadInputTokens(), u.cacheCreationInputTokens(), run.costUsd(), run.model(), ended.code(),
                ended.message(), lastSeq);
    }

    /** The run's status as {@code GET /api/v1/runs/{id}} says it once {@code end} is written. */
    static String status(RunEvent.Terminal end) {
        return switch (end) {
            case RunEvent.Completed c -> "completed";
            case RunEvent.Failed f -> "failed";
            case RunEvent.Cancelled c -> "cancelled";
        };
    }

    private static String nodeName(LiveRun run) {
        return run.node() == null ? "routing" : run.node().id();
    }

    /** New runs are refused; live ones get {@code grace}, then are cancelled, and each writes its own end. */
    void close(Duration grace) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
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

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
