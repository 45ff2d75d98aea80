package scriptorium.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.config.StoreSettings.Limits;

/**
 * Writes from many threads, stored in shared transactions: each caller waits until its own write is
 * committed, but a thousand runs starting at once cost a few commits, not a thousand. A commit is what
 * costs (the embedded database rewrites and writes the pages it touched on every one), so under load the
 * commits are grouped and alone a write is committed at once. The statements of a group are sent in batches, one
 * per statement text ({@link Sql.Transaction#add}): a thousand runs' inserts of their question are one batch.
 *
 * <p>It cannot freeze its callers: at most {@code limits.writeQueue()} writes wait (a caller past that waits for
 * room), every wait ends within {@code limits.timeout()} with a {@link StoreException}, and the writer survives
 * any failure of a batch, failing only that batch's writes.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /**
     * Writes per transaction at most. A commit of H2 writes every page its writes changed, and a burst's writes
     * change the same last pages: 2,000 run starts queued at once on a cold server were all committed after 1.2 to
     * 1.8 s in groups of 256, after 0.8 to 1.0 s in groups of 1,024 (issue 15).
     */
    private static final int MAX_BATCH = 1024;
    /**
     * How long a busy writer waits for more writes to join a batch. Under load each commit of H2 rewrites the
     * same last pages whether it holds one run or ten, so a few milliseconds of waiting save most of the work.
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

    private record Pending(String what, Sql.Work work, CompletableFuture<Void> done) {}

    private final Sql sql;
    private final Duration timeout;
    private final Semaphore room;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock closing = new ReentrantLock();
    /**
     * A platform thread, not a virtual one: it blocks in JDBC all the time (file writes pin a carrier, socket reads
     * park), and a virtual thread that parks waits for a carrier behind every runnable run and stream. Under a burst
     * of a thousand runs that wait came before every round trip and every commit (issue 15).
     */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("store-writer").daemon().factory());
    private volatile boolean closed;

    public GroupCommit(DataSource dataSource, Limits limits) {
        this.sql = new Sql(dataSource);
        this.timeout = limits.timeout();
        this.room = new Semaphore(limits.writeQueue());
        writer.execute(this::drain);
    }

    /**
     * Runs {@code work} in a transaction shared with other writers and waits until it is committed.
     *
     * @throws StoreException if it failed, or was not committed within the store's timeout (it may still be)
     */
    void write(String what, Sql.Work work) {
        try {
            submit(what, work).get();
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + ": interrupted while waiting for the database", e);
        }
    }

    /**
     * Queues {@code work} for a transaction shared with other writers, without waiting for its commit: the caller
     * goes on while the database works (a run's first model call while its start is stored). Waits only for room
     * in the queue, as {@link #write} does.
     *
     * @return completed once committed; completed exceptionally with a {@link StoreException} if the write failed
     *         or was not committed within the store's timeout (it may still be). Completed on the writer's thread:
     *         whatever depends on it must hand its work to a thread of its own.
     * @throws StoreException if the queue had no room within the timeout, or the store is closing
     */
    CompletableFuture<Void> submit(String what, Sql.Work work) {
        var pending = new Pending(what, work, new CompletableFuture<>());
        long deadline = System.nanoTime() + timeout.toNanos();
        enqueue(pending);
        return pending.done().orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(failed -> CompletableFuture.failedFuture(failure(what, failed)));
    }

    /** What a caller of {@link #submit} sees when its write did not commit: always a StoreException. */
    private StoreException failure(String what, Throwable failed) {
        Throwable cause = failed instanceof java.util.concurrent.CompletionException && failed.getCause() != null
                ? failed.getCause() : failed;
        return switch (cause) {
            case StoreException store -> store;
            case TimeoutException late -> new StoreException(
                    what + ": the database did not commit within " + timeout.toSeconds() + " s", late);
            default -> new StoreException(what + " failed", cause);
        };
    }

    private void enqueue(Pending pending) {
        try {
            if (!room.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StoreException(pending.what() + " refused: " + queue.size()
                        + " writes are waiting for the database", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(pending.what() + ": interrupted while waiting for the database", e);
        }
        closing.lock();
        try {
            if (closed) { // checked under the lock close() takes: a write is either queued before it or refused
                room.release();
                throw new StoreException(pending.what() + " refused: the store is closing", null);
            }
            queue.add(pending);
        } finally {
            closing.unlock();
        }
    }

    private void drain() {
        boolean busy = false;
        while (!closed || !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    busy = false;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (busy) { // the last commit grouped several writes: more are on their way
                    long until = System.nanoTime() + LINGER_NANOS;
                    Pending next;
                    while (batch.size() < MAX_BATCH && !closed
                            && (next = queue.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                        batch.add(next);
                        queue.drainTo(batch, MAX_BATCH - batch.size());
                    }
                }
                busy = batch.size() > 1;
                commit(batch);
            } catch (InterruptedException e) {
                fail(batch, new StoreException("the store writer was stopped", e));
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) { // the writer outlives any failure: only this batch fails
                log.error("store writer: a batch of {} write(s) failed", batch.size(), t);
                fail(batch, new StoreException("the store writer failed", t));
            } finally {
                room.release(batch.size());
            }
        }
    }

    /** One transaction for the batch; if it fails, each write alone, so that one bad write fails only itself. */
    private void commit(List<Pending> batch) {
        try {
            long started = System.nanoTime();
            int statements = sql.inTransaction("a group of " + batch.size() + " writes", tx -> {
                for (Pending pending : batch) {
                    tx.nextWrite(); // the writes of a group are independent: their statements may share batches
                    pending.work().run(tx);
                }
                return tx.statements();
            });
            log.debug("committed {} write(s), {} statement(s), in {} ms", batch.size(), statements,
                    (System.nanoTime() - started) / 1_000_000);
            batch.forEach(pending -> pending.done().complete(null));
        } catch (RuntimeException groupFailed) {
            StoreException failure = failure(batch.getFirst(), groupFailed);
            if (batch.size() == 1 || failure.unreachable()) {
                fail(batch, failure);
                return;
            }
            for (Pending pending : batch) {
                try {
                    sql.inTransaction(pending.what(), pending.work());
                    pending.done().complete(null);
                } catch (RuntimeException e) {
                    pending.done().completeExceptionally(failure(pending, e));
                }
            }
        }
    }

    private static StoreException failure(Pending pending, RuntimeException e) {
        return e instanceof StoreException store ? store : new StoreException(pending.what() + " failed", e);
    }

    private static void fail(List<Pending> batch, StoreException failure) {
        batch.forEach(pending -> pending.done().completeExceptionally(failure));
    }

    /** Commits what is queued, then stops; a write that comes later is refused. */
    @Override
    public void close() {
        closing.lock();
        try {
            closed = true;
        } finally {
            closing.unlock();
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new StoreException("the store closed before this write", null));
    }
}
