package scriptorium.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.agent.AgentRun;
import scriptorium.agent.RunInput;
import scriptorium.agent.ToolContext;
import scriptorium.events.EventLog;
import scriptorium.store.Ids;
import scriptorium.events.Route;
import scriptorium.events.RunCancelled;
import scriptorium.events.RunEvent;
import scriptorium.llm.Agent;
import scriptorium.llm.Usage;
import scriptorium.orchestrator.Workflow;
import scriptorium.store.RunRecord;
import scriptorium.store.StoredMessage;

/**
 * One run while it runs, as its workflow sees it ({@link AgentRun}) and as the run core keeps it. Every step the
 * workflow emits goes to the log first, then is read back here: the route, the node, the usage and cost, the
 * warnings, the messages to store all come from the events themselves, so what is stored is what was streamed.
 *
 * <p>Confined to the run's thread, except {@link #cancel}: it sets a flag that {@link #emit} checks, and
 * interrupts the run's thread only inside {@link #interruptibly} (a model call), never mid database write.
 */
final class LiveRun implements AgentRun, ToolContext {

    private static final Logger log = LoggerFactory.getLogger(LiveRun.class);

    final String runId;
    final String sessionId;
    final String messageId;
    final RunRequest request;
    /** What the run does: the orchestrator, or a capture's own work around it. */
    final Workflow workflow;
    final Instant startedAt;
    /** Completed once the previous run of this conversation is stored: its answer is this run's history. */
    final CompletableFuture<Void> previousStored;
    final CompletableFuture<Void> stored = new CompletableFuture<>();
    /** Where the run's steps wait for its start to be stored: its only way to the log. */
    final StartGate gate;
    private final Duration storeTimeout;
    private final RunMetrics metrics;
    private final Clock clock;

    /** The terminal event once written: the run is over, though it may not be stored yet. */
    volatile RunEvent.Terminal ended;
    private final ReentrantLock cancelLock = new ReentrantLock();
    private volatile String cancelReason;
    private Thread interruptible;

    private RunInput input;
    private Route route;
    private Route node;
    private boolean streamed;
    private Usage usage = Usage.NONE;
    private double costUsd;
    private String model = "offline";
    private final Set<String> noteIds = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<StoredMessage> written = new ArrayList<>();
    private final Map<String, Partial> partial = new LinkedHashMap<>();
    private final List<RunEvent.AgentMessage> messages = new ArrayList<>();
    /** Per note, the last version the run's tools returned: what its citations are checked against. */
    private final Map<String, Long> read = new LinkedHashMap<>();
    private final List<RunEvent.Citation> citations = new ArrayList<>();

    /** A message whose deltas streamed but whose `agent_message` has not come (yet). */
    private record Partial(Agent agent, Agent to, StringBuilder text) {}

    LiveRun(RunRequest request, Workflow workflow, String sessionId, CompletableFuture<Void> previousStored,
            EventLog events, Duration storeTimeout, RunMetrics metrics, Clock clock) {
        this.workflow = workflow;
        this.runId = Ids.next("r-");
        this.sessionId = sessionId;
        this.messageId = Ids.next("m-");
        this.request = request;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.previousStored = previousStored;
        this.gate = new StartGate(runId, events, this::interruptModelCall);
        this.storeTimeout = storeTimeout;
        this.metrics = metrics;
    }

    @Override
    public void emit(RunEvent.Step step) {
        throwIfCancelled();
        if (step instanceof RunEvent.AgentAction a && a.status() == RunEvent.ActionStatus.RUNNING) {
            awaitStart(); // a tool's side effects (a note written) belong to a stored run
        }
        gate.pass(step); // to the log once the run's start is stored (StartGate)
        switch (step) {
            case RunEvent.Routed r -> route = r.route();
            case RunEvent.Processing p -> {
                if (p.phase() == RunEvent.Phase.STARTED) {
                    node = p.node();
                }
            }
            case RunEvent.AgentDelta d -> {
                partial.computeIfAbsent(d.messageId(), id -> new Partial(d.agent(), d.to(), new StringBuilder()))
                        .text().append(d.delta());
                if (!streamed) {
                    streamed = true;
                    metrics.firstToken(elapsed());
                }
            }
            case RunEvent.AgentMessage m -> {
                partial.remove(m.messageId());
                usage = usage.plus(m.usage());
                costUsd += m.costUsd();
                model = m.model();
                written.add(message(m.messageId(), m.agent(), m.to(), m.content(), m.usage(), false));
                messages.add(m);
            }
            case RunEvent.Citation c -> {
                citations.add(c);
                metrics.citation(modelOf(c.messageId()), c.verified(), c.reason());
            }
            case RunEvent.AgentAction a -> { }
            case RunEvent.Warning w -> {
                log.warn("warning {}: {}", w.code(), w.message());
                if (w.code().equals(RunEvent.Warning.TOOL_FAILED)) {
                    errors.add(w.message());
                } else {
                    warnings.add(w.message());
                }
                if (w.code().equals(RunEvent.Warning.MODEL_RETRY)) {
                    metrics.retried();
                }
            }
        }
    }

    @Override
    public RunInput input() {
        return input;
    }

    void input(RunInput given) {
        input = given;
    }

    @Override
    public ToolContext tools() {
        return this;
    }

    @Override
    public String owner() {
        return request.owner();
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public void wrote(String noteId) {
        noteIds.add(noteId);
    }

    @Override
    public void read(String noteId, long version) {
        read.put(noteId, version);
    }

    /** The model that wrote message {@code messageId}, for the citation counters. */
    private String modelOf(String messageId) {
        return messages.stream().filter(m -> m.messageId().equals(messageId)).map(RunEvent.AgentMessage::model)
                .findFirst().orElse(model);
    }

    @Override
    public <T> T interruptibly(Supplier<T> modelCall) {
        cancelLock.lock();
        try {
            throwIfCancelled();
            interruptible = Thread.currentThread();
        } finally {
            cancelLock.unlock();
        }
        try {
            return modelCall.get();
        } finally {
            cancelLock.lock();
            try {
                interruptible = null;
                Thread.interrupted(); // a cancel that raced the end of the call must not leak into later I/O
            } finally {
                cancelLock.unlock();
            }
            throwIfCancelled();
        }
    }

    /** Asks the run to stop; the first reason wins. Safe from any thread. */
    void cancel(String reason) {
        cancelLock.lock();
        try {
            if (cancelReason == null) {
                cancelReason = reason;
            }
        } finally {
            cancelLock.unlock();
        }
        interruptModelCall();
    }

    /** Interrupts the model call under way, if any (a cancel, or the run's start refused by the store). */
    private void interruptModelCall() {
        cancelLock.lock();
        try {
            if (interruptible != null) {
                interruptible.interrupt();
            }
        } finally {
            cancelLock.unlock();
        }
    }

    /** Waits until the run's start is stored; throws why it was not. */
    private void awaitStart() {
        try {
            gate.await(storeTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelled(cancelReason == null ? "interrupted" : cancelReason);
        }
    }

    String cancelReason() {
        return cancelReason;
    }

    private void throwIfCancelled() {
        RuntimeException refused = gate.failure();
        if (refused != null) { // the store did not take the run's start: it ends with that (PROTOCOL §7)
            throw refused;
        }
        if (cancelReason != null) {
            throw new RunCancelled(cancelReason);
        }
    }

    /** The messages to store: those finished, then what had streamed of those a failure cut short. */
    List<StoredMessage> written() {
        var all = new ArrayList<>(written);
        partial.forEach((id, p) -> all.add(message(id, p.agent(), p.to(), p.text().toString(), Usage.NONE, true)));
        return all;
    }

    StoredMessage question() {
        return new StoredMessage(messageId, sessionId, runId, Agent.USER.id(), Agent.USER.id(),
                StoredMessage.Kind.QUESTION, request.message(), 0, 0, false, startedAt);
    }

    private StoredMessage message(String id, Agent agent, Agent to, String content, Usage used, boolean incomplete) {
        return new StoredMessage(id, sessionId, runId, agent.id(), to.id(),
                to == Agent.USER ? StoredMessage.Kind.ANSWER : StoredMessage.Kind.TURN, content, used.inputTokens(),
                used.outputTokens(), incomplete, clock.instant());
    }

    /** Since the run was accepted, on the one clock every duration of the run is measured with. */
    Duration elapsed() {
        return Duration.between(startedAt, clock.instant());
    }

    /** {@code GET /api/v1/runs/{id}} before the run's row is stored: as it runs, or as it ended. */
    RunRecord record(long lastSeq) {
        RunEvent.Terminal end = ended;
        String status = end == null ? "running" : RunExecutor.status(end);
        return new RunRecord(runId, sessionId, status, request.mode().id(), route == null ? null : route.id(),
                startedAt, null, end == null ? null : elapsed().toMillis(), usage.inputTokens(), usage.outputTokens(),
                usage.cacheReadInputTokens(), usage.cacheCreationInputTokens(), costUsd, model, null, null, lastSeq);
    }

    Route route() { return route; }
    Route node() { return node; }
    Usage usage() { return usage; }
    double costUsd() { return costUsd; }
    String model() { return model; }
    List<String> noteIds() { return List.copyOf(noteIds); }
    List<String> warnings() { return List.copyOf(warnings); }
    List<String> errors() { return List.copyOf(errors); }
    List<RunEvent.AgentMessage> messages() { return List.copyOf(messages); }
    Map<String, Long> read() { return Map.copyOf(read); }
    List<RunEvent.Citation> citations() { return List.copyOf(citations); }
}
