package scriptorium.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import scriptorium.llm.ModelException;
import scriptorium.llm.Usage;
import scriptorium.store.ConversationStore;
import scriptorium.store.RunStore;
import scriptorium.store.StoreException;
import scriptorium.store.StoredMessage;

/**
 * Carries one run from `start` to its terminal event (PROTOCOL §4.1): the only writer of
 * {@link RunEvent.Start} and of every {@link RunEvent.Terminal}. Whatever the workflow throws, the run
 * ends with exactly one terminal event, then its outcome is stored.
 */
final class RunExecutor implements RunRecorder {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);
    private static final int HISTORY_MESSAGES = 20;

    private final EventLog events;
    private final Workflow workflow;
    private final ConversationStore conversations;
    private final RunStore runs;
    private final RunMetrics metrics;
    private final Clock clock;

    RunExecutor(EventLog events, Workflow workflow, ConversationStore conversations, RunStore runs,
                RunMetrics metrics, Clock clock) {
        this.events = events;
        this.workflow = workflow;
        this.conversations = conversations;
        this.runs = runs;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Stores the question and the run, then opens the run's log with its `start` event: a client that has
     * a run id finds the run, even after a crash (it is then `interrupted`).
     */
    void begin(RunContext run) {
        runs.started(run.runId(), run.request().owner(), run.request().mode().id(), new StoredMessage(run.messageId(),
                run.sessionId(), run.runId(), "user", "user", StoredMessage.Kind.QUESTION, run.request().message(), 0, 0,
                false, run.startedAt()));
        events.open(run.runId());
        events.append(run.runId(), new RunEvent.Start(run.sessionId(), run.request().mode(), run.messageId()));
    }

    /** Runs the workflow on the calling thread (the run's own) and writes the terminal event. */
    void execute(RunContext run) {
        try (var ignoredRun = MDC.putCloseable("run_id", run.runId());
             var ignoredSession = MDC.putCloseable("session_id", run.sessionId())) {
            log.info("run started: mode={}", run.request().mode().id());
            RunEvent.Terminal end = outcome(run);
            // Stored before the terminal event is sent: a client that has `complete` and sends its next
            // message finds this run's answer in the conversation.
            long lastSeq = events.lastSeq(run.runId()).orElse(0L) + 1;
            if (!store(run, end, lastSeq)) {
                events.append(run.runId(), new RunEvent.Warning("not_saved",
                        "This run could not be saved: the database failed. What was streamed is all there is."));
            }
            events.append(run.runId(), end);
        }
    }

    private RunEvent.Terminal outcome(RunContext run) {
        try {
            loadHistory(run);
            return new RunEvent.Completed(workflow.run(run));
        } catch (Throwable t) {
            if (run.cancelled()) {
                return new RunEvent.Cancelled(run.cancelReason());
            }
            return switch (t) {
                case RunCancelled c -> new RunEvent.Cancelled(c.reason());
                case ModelException e -> {
                    log.warn("run failed in node {}: {} ({})", nodeId(run), e.getMessage(), e.kind());
                    yield new RunEvent.Failed(e.kind().code(), e.getMessage(), run.node(), e.kind().retryable());
                }
                case StoreException e -> {
                    log.error("run failed in node {}: the database failed", nodeId(run), e);
                    yield new RunEvent.Failed("store_unavailable", "The database failed; nothing was lost"
                            + " before this run. Try again.", run.node(), true);
                }
                default -> {
                    log.error("run failed in node {}", nodeId(run), t);
                    yield new RunEvent.Failed("internal", "An internal error stopped the run in "
                            + nodeId(run) + " (" + t.getClass().getSimpleName() + "). The server log has the details.",
                            run.node(), false);
                }
            };
        }
    }

    /** The conversation's earlier questions and answers (this run's question excluded), for the agents. */
    private void loadHistory(RunContext run) {
        if (run.request().sessionId() == null) { // a conversation this run opened: nothing before it to read
            run.history(List.of());
            return;
        }
        run.history(conversations.history(run.request().owner(), run.sessionId(), HISTORY_MESSAGES + 1).stream()
                .filter(m -> !m.id().equals(run.messageId()))
                .map(m -> new PastMessage(Agent.valueOf(m.author().toUpperCase()), m.content()))
                .toList());
    }

    @Override
    public void record(RunContext run, RunEvent event) {
        events.append(run.runId(), event);
        switch (event) {
            case RunEvent.AgentMessage m -> run.wrote(new StoredMessage(m.messageId(), run.sessionId(),
                    run.runId(), m.agent().id(), m.to().id(),
                    m.to() == Agent.USER ? StoredMessage.Kind.ANSWER : StoredMessage.Kind.TURN,
                    m.content(), m.usage().inputTokens(), m.usage().outputTokens(), false, clock.instant()));
            case RunEvent.Routed r -> { }
            case RunEvent.Start s -> throw new IllegalArgumentException("only RunExecutor writes start");
            case RunEvent.Terminal t -> throw new IllegalArgumentException("only RunExecutor writes terminal events");
            case RunEvent.Processing p -> { }
            case RunEvent.AgentDelta d -> {
                if (run.firstToken()) {
                    metrics.firstToken(Duration.between(run.startedAt(), clock.instant()));
                }
            }
            case RunEvent.AgentAction a -> { }
            case RunEvent.Warning w -> {
                log.warn("warning {}: {}", w.code(), w.message());
                if (w.code().equals(RunEvent.Warning.MODEL_RETRY)) {
                    metrics.retried();
                }
            }
        }
    }

    @Override
    public void incomplete(RunContext run, Agent agent, Agent to, String text) {
        run.wrote(new StoredMessage(Ids.next("m-"), run.sessionId(), run.runId(), agent.id(),
                to.id(), to == Agent.USER ? StoredMessage.Kind.ANSWER : StoredMessage.Kind.TURN, text, 0, 0, true,
                clock.instant()));
    }

    /** Stores the run's messages and outcome; false if the database failed. */
    private boolean store(RunContext run, RunEvent.Terminal end, long lastSeq) {
        Instant now = clock.instant();
        long ms = Duration.between(run.startedAt(), now).toMillis();
        Usage usage = run.usage();
        RunStore.Outcome outcome = switch (end) {
            case RunEvent.Completed c -> outcome("completed", now, ms, run, null, null, lastSeq);
            case RunEvent.Failed f -> outcome("failed", now, ms, run, f.code(), f.message(), lastSeq);
            case RunEvent.Cancelled c -> outcome("cancelled", now, ms, run, "cancelled", c.reason(), lastSeq);
        };
        metrics.ended(run, outcome.status(), Duration.ofMillis(ms));
        log.info("run ended: {} in {} ms, {} tokens, ${}", outcome.status(), ms, usage.total(),
                String.format("%.5f", run.costUsd()));
        try {
            runs.ended(run.runId(), outcome, run.written());
            return true;
        } catch (RuntimeException e) {
            log.error("run ended but could not be stored", e);
            return false;
        }
    }

    private static RunStore.Outcome outcome(String status, Instant now, long ms, RunContext run, String code,
                                            String message, long lastSeq) {
        Usage u = run.usage();
        return new RunStore.Outcome(status, run.node() == null ? null : run.node().id(), now, ms, u.inputTokens(), u.outputTokens(), u.cacheReadInputTokens(),
                u.cacheCreationInputTokens(), run.costUsd(), run.model(), code, message, lastSeq);
    }

    private static String nodeId(RunContext run) {
        return run.node() == null ? "routing" : run.node().id();
    }
}
