package scriptorium.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
    long idleHeap;
    long idleRss;
    long liveHeapPerStream;

    void fail(String reason) {
        failed.incrementAndGet();
        failures.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
    }

    double tokensPerSecond() {
        return tokens.get() / (wall.toNanos() / 1e9);
    }

    double cpuPerToken() {
        return tokens.get() == 0 ? 0 : cpuNanos / 1e6 / tokens.get();
    }
}
