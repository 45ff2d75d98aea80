package scriptorium.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** What one level of the load benchmark measured on one path. */
final class Tally {
    /** The first event: `start` through Scriptorium, the model's `message_start` straight or relayed. */
    final Samples firstEvent = new Samples();
    final Samples firstToken = new Samples();
    final Samples latencyMicros = new Samples();
    final AtomicLong tokens = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    Duration wall;
    long cpuNanos;
    long measuringCpuNanos;
    long peakHeap;
    long peakRss;
    String load = "";
    /** The server's CPU over the level by group of threads (its own full GC included). */
    final Map<String, Long> cpuByThreads = new TreeMap<>();
    /** When the level's first client started ({@link System#nanoTime}). */
    volatile long startedNanos;
    /** Tokens that arrived over {@link #LATE_MICROS} after their stamp, by second of the level they arrived in. */
    final AtomicLongArray lateBySecond = new AtomicLongArray(120);
    static final long LATE_MICROS = 100_000;
    long idleHeap;
    long idleRss;
    long liveHeapPerStream;

    void fail(String reason) {
        failed.incrementAndGet();
        failures.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * The benchmark's own full GC of the server, to weigh its live heap ({@link System#nanoTime}, MAX_VALUE until it
     * starts and until it ends): it stops every stream for a few hundred milliseconds, so the tokens in flight across
     * it are counted apart, not in the latency (issue 15: about a tenth of a level's tokens, and most of its tail).
     */
    volatile long pausedFrom = Long.MAX_VALUE;
    volatile long pausedUntil = Long.MAX_VALUE;
    final AtomicLong pausedTokens = new AtomicLong();

    /** Counts a token stamped by the fake model at {@code stampNanos} and read by its client at {@code receivedNanos}. */
    void token(long stampNanos, long receivedNanos) {
        tokens.incrementAndGet();
        if (receivedNanos > pausedFrom && stampNanos < pausedUntil) {
            pausedTokens.incrementAndGet();
            return;
        }
        long micros = (receivedNanos - stampNanos) / 1_000;
        latencyMicros.add(micros);
        if (micros > LATE_MICROS) {
            long second = Math.max(0, (receivedNanos - startedNanos) / 1_000_000_000L);
            lateBySecond.incrementAndGet((int) Math.min(lateBySecond.length() - 1, second));
        }
    }

    /** The seconds of the level in which late tokens arrived, as "second: count" pairs, the empty ones left out. */
    String lateSeconds() {
        var out = new StringBuilder();
        for (int second = 0; second < lateBySecond.length(); second++) {
            long late = lateBySecond.get(second);
            if (late > 0) {
                out.append(out.isEmpty() ? "" : ", ").append(second).append(" s: ").append(late);
            }
        }
        return out.isEmpty() ? "none" : out.toString();
    }

    double tokensPerSecond() {
        return tokens.get() / (wall.toNanos() / 1e9);
    }

    double cpuPerToken() {
        return tokens.get() == 0 ? 0 : cpuNanos / 1e6 / tokens.get();
    }
}
