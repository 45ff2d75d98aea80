package scriptorium.bench;

import java.util.Arrays;

/** A growable list of longs and its percentiles: latencies in microseconds, thousands of them per level. */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    synchronized void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    synchronized void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    synchronized int size() {
        return size;
    }

    /** The {@code p}-th percentile (0..100), or -1 when empty. */
    synchronized long percentile(double p) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))];
    }

    long max() {
        return percentile(100);
    }
}
