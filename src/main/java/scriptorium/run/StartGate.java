package scriptorium.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import scriptorium.events.EventLog;
import scriptorium.events.RunEvent;
import scriptorium.store.StoreException;

/**
 * Holds a run's steps until its start is stored, so that the run may work (call its model) while its row commits
 * and still keep PROTOCOL §7's promise: a run the database could not take says `start`, then `error
 * store_unavailable`, and nothing between. Nothing a run emits reaches its log before its row is committed; if
 * the commit fails, what was held is dropped and the run is stopped ({@code onRefused} interrupts its model call).
 *
 * <p>States: holding (steps queue here) → releasing (one thread appends what was held, in order, while later steps
 * still queue behind) → open (steps go straight to the log); or refused (steps are refused with the failure). The
 * lock guards the state and the queue only, never an append (an append may be I/O: Redis).
 */
final class StartGate {

    private enum State { HOLDING, RELEASING, OPEN, REFUSED }

    private final String runId;
    private final EventLog events;
    private final Runnable onRefused;
    private final ReentrantLock lock = new ReentrantLock();
    /** Completed once open, or exceptionally with the failure once refused. */
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private State state = State.HOLDING;
    private List<RunEvent.Step> held = new ArrayList<>();
    private volatile RuntimeException failure;
    private volatile boolean tracked;

    StartGate(String runId, EventLog events, Runnable onRefused) {
        this.runId = runId;
        this.events = events;
        this.onRefused = onRefused;
    }

    /**
     * Follows the commit of the run's start: once it is stored, what was held is appended on a thread of
     * {@code threads} (on the store writer's only once those refuse new work, at shutdown); if it fails, the gate
     * refuses.
     */
    void track(CompletableFuture<Void> startStored, Executor threads) {
        tracked = true;
        startStored.whenComplete((ok, failed) -> {
            try {
                threads.execute(() -> settle(failed));
            } catch (RejectedExecutionException stopping) { // shutting down: live runs go on, rarely this late
                settle(failed);
            }
        });
    }

    /** Appends {@code step} to the run's log, or holds it until the run's start is stored. */
    void pass(RunEvent.Step step) {
        lock.lock();
        try {
            switch (state) {
                case HOLDING, RELEASING -> {
                    held.add(step);
                    return;
                }
                case REFUSED -> throw failure;
                case OPEN -> { }
            }
        } finally {
            lock.unlock();
        }
        events.append(runId, step);
    }

    /** The failure that refused the run's start, or null. */
    RuntimeException failure() {
        return failure;
    }

    /** Whether the run's start was sent to the store (its row exists, or may still come). */
    boolean tracked() {
        return tracked;
    }

    /** Whether the run's start is stored (committed) and its steps let through: not once refused, even if late. */
    boolean stored() {
        lock.lock();
        try {
            return state == State.RELEASING || state == State.OPEN;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the run's start is stored and every held step appended (a tool's side effects and the terminal
     * event belong to a stored run), at most {@code timeout}.
     *
     * <p>A run that ended before its start was sent to the store (refused at once, shutting down) emitted
     * nothing: it returns at once and the run keeps its own end.
     *
     * @throws RuntimeException the failure that refused the start (a {@link StoreException} when the database
     *                          did not take it)
     */
    void await(Duration timeout) throws InterruptedException {
        if (!tracked) { // the run ended before its start was sent to the store: it emitted nothing, keeps its end
            refuse(new StoreException("the run ended before its start was sent to the store", null));
            return;
        }
        try {
            settled.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failure;
        } catch (TimeoutException e) {
            refuse(new StoreException("the run's start was not stored within " + timeout.toSeconds() + " s", e));
            if (failure != null) { // null: it opened just now, and the refusal came too late to count
                throw failure;
            }
        }
    }

    private void settle(Throwable failed) {
        if (failed != null) {
            Throwable cause = failed instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : failed; // a dependent stage sees its source's failure wrapped
            refuse(cause instanceof RuntimeException e ? e : new StoreException("storing the run's start failed", cause));
        } else {
            release();
        }
    }

    /** Appends what was held, in order, until nothing is left; then steps go straight to the log. */
    private void release() {
        lock.lock();
        try {
            if (state != State.HOLDING) {
                return;
            }
            state = State.RELEASING;
        } finally {
            lock.unlock();
        }
        try {
            while (true) {
                List<RunEvent.Step> next;
                lock.lock();
                try {
                    if (state != State.RELEASING) {
                        return; // refused meanwhile (the run's end gave up waiting)
                    }
                    if (held.isEmpty()) {
                        state = State.OPEN;
                        settled.complete(null);
                        return;
                    }
                    next = held;
                    held = new ArrayList<>();
                } finally {
                    lock.unlock();
                }
                for (RunEvent.Step step : next) {
                    events.append(runId, step);
                }
            }
        } catch (RuntimeException appendFailed) { // the log refused a step (full, unreachable): the run ends with it
            refuse(appendFailed);
        }
    }

    /** Drops what was held and stops the run; the first failure wins. No-op once open. */
    private void refuse(RuntimeException why) {
        lock.lock();
        try {
            if (state == State.OPEN || state == State.REFUSED) {
                return;
            }
            state = State.REFUSED;
            failure = why;
            held = List.of();
        } finally {
            lock.unlock();
        }
        settled.completeExceptionally(why);
        onRefused.run();
    }
}
