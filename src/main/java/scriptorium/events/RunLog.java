package scriptorium.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One run's events in a {@link MemoryEventLog}, in order: appends hold the lock for a list add; readers wait on
 * {@code grew} without it. A wait of a second or more is left to the owner's tick ({@link #wakeIfDue}) while it comes.
 */
final class RunLog {

    /** Waits this long or longer are woken by the log's tick; shorter ones keep a timer of their own, precise. */
    private static final long TICKED_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    final String runId;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grew = lock.newCondition();
    private final List<Sequenced> events = new ArrayList<>();
    /** The estimated bytes its events hold ({@link MemoryEventLog#weight}), counted by the log. */
    final AtomicLong bytes = new AtomicLong();
    private final Set<RunLog> followed;
    private final BooleanSupplier ticking;
    private volatile int size;
    private volatile Instant endedAt;
    /** Readers following this log (guarded by the lock): while there are, the tick looks at it. */
    private int readers;
    /** When the earliest wait left to the tick is up ({@link System#nanoTime}); MAX_VALUE when none is. */
    private volatile long wakeAt = Long.MAX_VALUE;

    /**
     * @param followed where the log puts itself while it has readers: the logs its owner's tick looks at
     * @param ticking  whether that tick still comes (a wait left to it takes a timer of its own once not)
     */
    RunLog(String runId, Set<RunLog> followed, BooleanSupplier ticking) {
        this.runId = runId;
        this.followed = followed;
        this.ticking = ticking;
    }

    /** A reader from after {@code after}: one more reader of this log until it is closed. */
    EventFeed.Subscription follow(long after) {
        return new Reader(this, after);
    }

    /** When the terminal event came; null while the run goes on. */
    Instant endedAt() {
        return endedAt;
    }

    /** Appends unless the run already ended: the check and the append are one step under the lock. */
    Sequenced add(RunEvent event, Instant now) {
        lock.lock();
        try {
            if (endedAt != null) {
                throw new IllegalStateException("run " + runId + " already ended; refused " + event);
            }
            var sequenced = new Sequenced(runId, events.size() + 1L, now, event);
            events.add(sequenced);
            size = events.size();
            if (sequenced.terminal()) {
                endedAt = now;
            }
            wakeAt = Long.MAX_VALUE; // every waiter wakes now; those that wait again say until when
            grew.signalAll();
            return sequenced;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return size;
    }

    /** The event at {@code index}, waiting up to {@code nanos} for it; null if it did not come. */
    Sequenced await(int index, long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (events.size() > index) { // there already: no clock read
                return events.get(index);
            }
            long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4); // no overflow
            while (events.size() <= index) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || endedAt != null) {
                    return null;
                }
                if (left < TICKED_WAIT_NANOS || !ticking.getAsBoolean()) {
                    grew.awaitNanos(left);
                } else { // woken by the next event, or by the tick once the deadline has passed
                    wakeAt = Math.min(wakeAt, deadline);
                    grew.await();
                }
            }
            return events.get(index);
        } finally {
            lock.unlock();
        }
    }

    void wakeIfDue(long now) {
        long at = wakeAt;
        if (at != Long.MAX_VALUE && at - now <= 0) {
            wakeAll();
        }
    }

    void wakeAll() {
        lock.lock();
        try {
            wakeAt = Long.MAX_VALUE;
            grew.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void addReader() {
        lock.lock();
        try {
            if (readers++ == 0) {
                followed.add(this);
            }
        } finally {
            lock.unlock();
        }
    }

    private void removeReader() {
        lock.lock();
        try {
            if (--readers == 0) {
                followed.remove(this);
            }
        } finally {
            lock.unlock();
        }
    }

    private static final class Reader implements EventFeed.Subscription {
        private final RunLog runLog;
        private int next;
        private boolean closed;

        Reader(RunLog runLog, long after) {
            this.runLog = runLog;
            this.next = (int) Math.max(0, Math.min(after, Integer.MAX_VALUE));
            runLog.addReader();
        }

        @Override
        public Optional<Sequenced> poll(Duration timeout) throws InterruptedException {
            Sequenced event = runLog.await(next, TimeUnit.NANOSECONDS.convert(timeout));
            if (event != null) {
                next++;
            }
            return Optional.ofNullable(event);
        }

        @Override
        public boolean finished() {
            return runLog.endedAt != null && next >= runLog.size();
        }

        @Override
        public void close() {
            if (!closed) { // a cursor over the run's list: all it holds is its place among the log's readers
                closed = true;
                runLog.removeReader();
            }
        }
    }
}
