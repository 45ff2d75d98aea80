package scriptorium.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link EventLog}: each run's events in a list in memory, readers waiting on a condition.
 *
 * <p>Memory is bounded: each run may hold {@code budget.perRun()} bytes of events and all runs together
 * {@code budget.total()} (an estimate: two bytes a character plus a fixed cost per event). A run that would
 * pass its own budget gets {@link EventLogFull} and ends; when all runs together would pass the total, ended runs
 * are dropped first, oldest first, even before their retention is up, and only then is the append refused.
 * A timer drops ended runs once their retention is up.
 *
 * <p>A reader's wait of a second or more (a stream's heartbeat, 15 s by default) is woken by a tick of this log,
 * every {@value #TICK_MILLIS} ms, once its time is up, not by a timer of its own: a timed park of a virtual thread
 * schedules a timer task and cancels it when the next event wakes it first, two trips through the scheduler's
 * timer queue per event per stream (issue 15). Such a wait may end up to one tick late.
 */
public final class MemoryEventLog implements EventLog {

    private static final Logger log = LoggerFactory.getLogger(MemoryEventLog.class);
    private static final long EVENT_OVERHEAD = 160;
    static final long TICK_MILLIS = 100;

    /** @param perRun bytes of events one run may hold; {@code total} all runs together */
    public record Budget(long perRun, long total) {
        public Budget {
            if (perRun <= 0 || total < perRun) {
                throw new IllegalArgumentException("budget: need 0 < perRun <= total, got " + perRun + ", " + total);
            }
        }
    }

    private final ConcurrentHashMap<String, RunLog> logs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> endedInOrder = new ConcurrentLinkedQueue<>();
    /** The logs that have a reader: those the tick looks at. */
    private final Set<RunLog> followed = ConcurrentHashMap.newKeySet();
    /** False once closed: no tick comes any more, and every wait keeps a timer of its own. */
    private volatile boolean ticking = true;
    private final AtomicLong bytes = new AtomicLong();
    private final Duration retention;
    private final Budget budget;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("event-log-sweeper").factory());

    public MemoryEventLog(Duration retention, Budget budget, Clock clock, Duration sweepEvery) {
        this.retention = retention;
        this.budget = budget;
        this.clock = clock;
        long every = sweepEvery.toMillis();
        sweeper.scheduleWithFixedDelay(this::dropExpired, every, every, TimeUnit.MILLISECONDS);
        sweeper.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Sequenced open(String runId, RunEvent.Start start) {
        var runLog = new RunLog(runId, followed, () -> ticking);
        reserve(runLog, start);
        if (logs.putIfAbsent(runId, runLog) != null) {
            release(weight(start));
            throw new IllegalStateException("run " + runId + " already has a log");
        }
        return runLog.add(start, clock.instant());
    }

    @Override
    public Sequenced append(String runId, RunEvent.Step step) {
        RunLog runLog = open(runId);
        reserve(runLog, step);
        try {
            return runLog.add(step, clock.instant());
        } catch (IllegalStateException ended) {
            release(weight(step));
            runLog.bytes.addAndGet(-weight(step));
            throw ended;
        }
    }

    @Override
    public boolean end(String runId, RunEvent.Terminal terminal) {
        RunLog runLog = open(runId);
        long weight = weight(terminal);
        bytes.addAndGet(weight); // outside the budget: a run can always end
        runLog.bytes.addAndGet(weight);
        try {
            runLog.add(terminal, clock.instant());
        } catch (IllegalStateException alreadyEnded) {
            release(weight);
            runLog.bytes.addAndGet(-weight);
            return false;
        }
        endedInOrder.add(runId);
        return true;
    }

    @Override
    public Subscription follow(String runId, long after) {
        RunLog runLog = logs.get(runId);
        if (runLog == null) {
            throw new UnknownRunException(runId);
        }
        return runLog.follow(after);
    }

    @Override
    public Optional<Long> lastSeq(String runId) {
        return Optional.ofNullable(logs.get(runId)).map(RunLog::size).map(Integer::longValue);
    }

    /** How many runs' logs are held, ended ones included. */
    public int size() {
        return logs.size();
    }

    /** The estimated bytes all runs' events hold. */
    public long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        ticking = false;
        sweeper.shutdownNow();
        followed.forEach(RunLog::wakeAll); // a wait left to the tick takes a timer of its own now
        logs.clear();
        endedInOrder.clear();
        bytes.set(0);
    }

    private RunLog open(String runId) {
        RunLog runLog = logs.get(runId);
        if (runLog == null) {
            throw new IllegalStateException("run " + runId + " has no open log");
        }
        return runLog;
    }

    /** Counts {@code event} against the run's budget and the total one, or throws {@link EventLogFull}. */
    private void reserve(RunLog runLog, RunEvent event) {
        long weight = weight(event);
        if (runLog.bytes.addAndGet(weight) > budget.perRun()) {
            runLog.bytes.addAndGet(-weight);
            throw new EventLogFull("run " + runLog.runId + " outgrew its event budget of "
                    + budget.perRun() / 1024 + " KiB");
        }
        if (bytes.addAndGet(weight) > budget.total()) {
            release(weight);
            dropEnded(weight);
            if (bytes.addAndGet(weight) > budget.total()) {
                release(weight);
                runLog.bytes.addAndGet(-weight);
                throw new EventLogFull("the event log is full (" + budget.total() / (1024 * 1024)
                        + " MiB for all runs): run " + runLog.runId + " cannot go on");
            }
        }
    }

    private void release(long weight) {
        bytes.addAndGet(-weight);
    }

    /** Drops ended runs, oldest first, until {@code needed} bytes fit under the total budget. */
    private void dropEnded(long needed) {
        int dropped = 0;
        for (String head; bytes.get() + needed > budget.total() && (head = endedInOrder.poll()) != null; ) {
            drop(head);
            dropped++;
        }
        if (dropped > 0) {
            log.warn("event log over its budget: dropped the events of {} ended run(s) before their retention", dropped);
        }
    }

    private void dropExpired() {
        Instant now = clock.instant();
        for (String head; (head = endedInOrder.peek()) != null; ) {
            RunLog runLog = logs.get(head);
            if (runLog != null && runLog.endedAt().plus(retention).isAfter(now)) {
                return;
            }
            if (endedInOrder.remove(head)) {
                drop(head);
            }
        }
    }

    /** Wakes the waits whose time is up. */
    private void tick() {
        long now = System.nanoTime();
        for (RunLog runLog : followed) {
            runLog.wakeIfDue(now);
        }
    }

    private void drop(String runId) {
        RunLog dropped = logs.remove(runId);
        if (dropped != null) {
            followed.remove(dropped);
            release(dropped.bytes.get());
        }
    }

    /** An estimate of what {@code event} holds in memory: its text at two bytes a character, plus the records. */
    static long weight(RunEvent event) {
        long chars = switch (event) {
            case RunEvent.AgentDelta d -> d.delta().length();
            case RunEvent.AgentMessage m -> m.content().length();
            case RunEvent.AgentAction a -> a.details().length() + a.metadata().toString().length();
            case RunEvent.Warning w -> w.message().length();
            case RunEvent.Citation c -> c.quote().length() + c.noteId().length();
            case RunEvent.Completed c -> c.result().response().length()
                    + c.result().discussionHistory().stream().mapToLong(t -> t.message().length()).sum()
                    + c.result().citations().stream().mapToLong(q -> q.quote().length() + q.noteId().length()).sum();
            case RunEvent.Failed f -> f.message().length();
            case RunEvent.Cancelled c -> c.reason().length();
            case RunEvent.Start s -> 0;
            case RunEvent.Routed r -> 0;
            case RunEvent.Processing p -> 0;
        };
        return EVENT_OVERHEAD + 2 * chars;
    }
}
