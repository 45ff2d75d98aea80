package scriptorium.run;

import java.time.Duration;
import java.util.Optional;

/**
 * Each run's events, in order, replayable: the one path between a run and whoever watches it
 * (ARCHITECTURE: "a run writes events into its EventLog; HTTP streams only read from it").
 *
 * <p>Thread-safe. {@link #append} never blocks on readers; a slow or gone reader costs the run nothing.
 */
public interface EventLog extends AutoCloseable {

    /** Opens a new, empty log for {@code runId}. */
    void open(String runId);

    /**
     * Numbers {@code event} with the run's next {@code seq} and stores it. After a {@link RunEvent.Terminal}
     * the log is closed to appends and kept for the retention period, then dropped.
     *
     * @throws IllegalStateException if the run has no open log or already ended
     */
    Sequenced append(String runId, RunEvent event);

    /**
     * A reader of the run's events with {@code seq > after}: first those already stored, then each new one.
     *
     * @throws UnknownRunException if the run has no log (never opened, or expired)
     */
    Subscription follow(String runId, long after);

    /** The run's last {@code seq}, or empty when the log is unknown or expired. */
    Optional<Long> lastSeq(String runId);

    @Override
    void close();

    /** One reader's position in one run's log. Not thread-safe: one reader, one thread. */
    interface Subscription extends AutoCloseable {

        /** The next event, waiting up to {@code timeout}; empty if none came in that time. */
        Optional<Sequenced> poll(Duration timeout) throws InterruptedException;

        /** True once this reader has been given the terminal event, or started after it. */
        boolean finished();

        @Override
        void close();
    }

    final class UnknownRunException extends RuntimeException {
        public UnknownRunException(String runId) {
            super("no run " + runId + " (unknown, or ended more than the retention period ago)");
        }
    }
}
