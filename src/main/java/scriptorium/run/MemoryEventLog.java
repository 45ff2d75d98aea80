package scriptorium.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link EventLog}: each run's events in a list in memory, readers waiting on a condition.
 * A finished run is dropped {@code retention} after its terminal event, lazily, when a new run opens.
 */
public final class MemoryEventLog implements EventLog {

    private final ConcurrentHashMap<String, RunLog> logs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> endedInOrder = new ConcurrentLinkedQueue<>();
    private final Duration retention;
    private final Clock clock;

    public MemoryEventLog(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void open(String runId) {
        dropExpired();
        if (logs.putIfAbsent(runId, new RunLog(runId)) != null) {
            throw new IllegalStateException("run " + runId + " already has a log");
        }
    }

    @Override
    public Sequenced append(String runId, RunEvent event) {
        RunLog log = logs.get(runId);
        if (log == null) {
            throw new IllegalStateException("run " + runId + " has no open log");
        }
        Sequenced appended = log.append(event, clock.instant());
        if (appended.terminal()) {
            endedInOrder.add(runId);
        }
        return appended;
    }

    @Override
    public Subscription follow(String runId, long after) {
        RunLog log = logs.get(runId);
        if (log == null) {
            throw new UnknownRunException(runId);
        }
        return new Reader(log, after);
    }

    @Override
    public Optional<Long> lastSeq(String runId) {
        return Optional.ofNullable(logs.get(runId)).map(RunLog::size).map(Integer::longValue);
    }

    /** How many runs' logs are held, ended ones included. */
    public int size() {
        return logs.size();
    }

    @Override
    public void close() {
        logs.clear();
        endedInOrder.clear();
    }

    private void dropExpired() {
        Instant now = clock.instant();
        for (String head; (head = endedInOrder.peek()) != null; ) {
            RunLog log = logs.get(head);
            if (log != null && log.endedAt.plus(retention).isAfter(now)) {
                return;
            }
            if (endedInOrder.remove(head)) {
                logs.remove(head);
            }
        }
    }

    /** One run's events. Appends hold the lock for a list add; readers wait on {@code grew} without it. */
    private static final class RunLog {
        private final String runId;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition grew = lock.newCondition();
        private final List<Sequenced> events = new ArrayList<>();
        private volatile int size;
        private volatile Instant endedAt;

        RunLog(String runId) {
            this.runId = runId;
        }

        Sequenced append(RunEvent event, Instant now) {
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
                while (events.size() <= index) {
                    if (nanos <= 0 || endedAt != null) {
                        return null;
                    }
                    nanos = grew.awaitNanos(nanos);
                }
                return events.get(index);
            } finally {
                lock.unlock();
            }
        }
    }

    private static final class Reader implements Subscription {
        private final RunLog log;
        private int next;

        Reader(RunLog log, long after) {
            this.log = log;
            this.next = (int) Math.max(0, Math.min(after, Integer.MAX_VALUE));
        }

        @Override
        public Optional<Sequenced> poll(Duration timeout) throws InterruptedException {
            Sequenced event = log.await(next, TimeUnit.NANOSECONDS.convert(timeout));
            if (event != null) {
                next++;
            }
            return Optional.ofNullable(event);
        }

        @Override
        public boolean finished() {
            return log.endedAt != null && next >= log.size();
        }

        @Override
        public void close() {
            // nothing held: a reader is a cursor over the run's list
        }
    }
}
