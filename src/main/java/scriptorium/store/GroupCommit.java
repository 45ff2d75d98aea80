package scriptorium.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Writes from many threads, stored in shared transactions: each caller waits until its own write is
 * committed, but a thousand runs starting at once cost a few commits, not a thousand. A commit is what
 * costs (the embedded database rewrites and writes the pages it touched on every one), so under load the
 * commits are grouped and alone a write is committed at once.
 */
public final class GroupCommit implements AutoCloseable {

    private static final int MAX_BATCH = 256;
    /**
     * How long a busy writer waits for more writes to join a batch. Under load each commit of H2 rewrites the
     * same last pages whether it holds one run or ten, so a few milliseconds of waiting save most of the work.
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

    private record Pending(String what, Sql.Work work, CompletableFuture<Void> done) {}

    private final Sql sql;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("store-writer").factory());
    private volatile boolean closed;

    public GroupCommit(DataSource dataSource) {
        this.sql = new Sql(dataSource);
        writer.execute(this::drain);
    }

    /** Runs {@code work} in a transaction shared with other writers and waits until it is committed. */
    void write(String what, Sql.Work work) {
        if (closed) {
            throw new StoreException(what + " refused: the store is closing", null);
        }
        var pending = new Pending(what, work, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException store ? store : new StoreException(what + " failed", e);
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
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One transaction for the batch; if it fails, each write alone, so that one bad write fails only itself. */
    private void commit(List<Pending> batch) {
        try {
            sql.inTransaction("a group of " + batch.size() + " writes", tx -> {
                for (Pending pending : batch) {
                    pending.work().run(tx);
                }
            });
            batch.forEach(pending -> pending.done().complete(null));
        } catch (StoreException groupFailed) {
            for (Pending pending : batch) {
                try {
                    sql.inTransaction(pending.what(), pending.work());
                    pending.done().complete(null);
                } catch (StoreException e) {
                    pending.done().completeExceptionally(e);
                }
            }
        }
    }

    /** Commits what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
