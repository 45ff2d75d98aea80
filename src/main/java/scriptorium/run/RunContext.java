package scriptorium.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import scriptorium.llm.Usage;
import scriptorium.store.StoredMessage;

/**
 * One run as its workflow sees it: what was asked, and where to say what happens.
 *
 * <p>Confined to the run's thread, except {@link #cancel}, which any thread may call: it sets a flag that
 * {@link #emit} checks, and interrupts the run's thread only while it is inside {@link #interruptibly}
 * (a model call), so that an interrupt never lands in the middle of a database write.
 */
public final class RunContext {

    private final String runId;
    private final String sessionId;
    private final String messageId;
    private final RunRequest request;
    private List<PastMessage> history = List.of();
    private final Instant startedAt;
    private final RunRecorder recorder;

    private final ReentrantLock cancelLock = new ReentrantLock();
    private volatile String cancelReason;
    private Thread interruptible;

    private Route node;
    private boolean streamed;
    private Usage usage = Usage.NONE;
    private double costUsd;
    private String model = "offline";
    private final Set<String> noteIds = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<StoredMessage> written = new ArrayList<>();

    RunContext(String runId, String sessionId, String messageId, RunRequest request, Instant startedAt,
               RunRecorder recorder) {
        this.runId = runId;
        this.sessionId = sessionId;
        this.messageId = messageId;
        this.request = request;
        this.startedAt = startedAt;
        this.recorder = recorder;
    }

    /** Records and publishes {@code event}; throws {@link RunCancelled} once the run was cancelled. */
    public void emit(RunEvent event) {
        throwIfCancelled();
        if (event instanceof RunEvent.Warning warning) {
            warnings.add(warning.message());
        }
        recorder.record(this, event);
    }

    /** Keeps what an agent had written when its model's stream broke (the message is marked incomplete). */
    public void keepIncomplete(Agent agent, Agent to, String text) {
        recorder.incomplete(this, agent, to, text);
    }

    public void throwIfCancelled() {
        if (cancelReason != null) {
            throw new RunCancelled(cancelReason);
        }
    }

    /** Runs {@code work} (a model call) so that {@link #cancel} interrupts it; throws {@link RunCancelled} if it was. */
    public <T> T interruptibly(Supplier<T> work) {
        cancelLock.lock();
        try {
            throwIfCancelled();
            interruptible = Thread.currentThread();
        } finally {
            cancelLock.unlock();
        }
        try {
            return work.get();
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
    public void cancel(String reason) {
        cancelLock.lock();
        try {
            if (cancelReason == null) {
                cancelReason = reason;
            }
            if (interruptible != null) {
                interruptible.interrupt();
            }
        } finally {
            cancelLock.unlock();
        }
    }

    public boolean cancelled() {
        return cancelReason != null;
    }

    String cancelReason() {
        return cancelReason;
    }

    /** Adds what a model call billed to the run's totals. */
    public void billed(Usage billed, double cost, String modelName) {
        usage = usage.plus(billed);
        costUsd += cost;
        model = modelName;
    }

    public void noteTouched(String noteId) {
        noteIds.add(noteId);
    }

    /** The conversation's earlier questions and answers, loaded by the run's thread before its work starts. */
    void history(List<PastMessage> earlier) {
        history = List.copyOf(earlier);
    }

    /** Keeps a message the run wrote, stored with the run's outcome in one transaction when it ends. */
    void wrote(StoredMessage message) {
        written.add(message);
    }

    List<StoredMessage> written() {
        return List.copyOf(written);
    }

    /** True the first time only: the run's first token (for the time-to-first-token metric). */
    boolean firstToken() {
        boolean first = !streamed;
        streamed = true;
        return first;
    }

    /** The node running now: set by the orchestrator's NodeRunner, named by an `error` event. */
    public void enter(Route current) {
        node = current;
    }

    public String runId() { return runId; }
    public String sessionId() { return sessionId; }
    public String messageId() { return messageId; }
    public RunRequest request() { return request; }
    public List<PastMessage> history() { return history; }
    public Instant startedAt() { return startedAt; }
    public Route node() { return node; }
    public Usage usage() { return usage; }
    public double costUsd() { return costUsd; }
    public String model() { return model; }
    public List<String> noteIds() { return List.copyOf(noteIds); }
    public List<String> warnings() { return List.copyOf(warnings); }
}
