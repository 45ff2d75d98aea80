package scriptorium.events;

import java.time.Duration;
import java.util.Optional;

/**
 * The reading side of the {@link EventLog}: what streams get. A stream can replay and follow a run, never write
 * into it (ARCHITECTURE: "a run writes events into its EventLog; HTTP streams only read from it").
 */
public interface EventFeed {

    /**
     * A reader of the run's events with {@code seq > after}: first those already stored, then each new one.
     *
     * @throws UnknownRunException if the run has no log (never opened, or expired)
     */
    Subscription follow(String runId, long after);

    /** The run's last {@code seq}, or empty when the log is unknown or expired. */
    Optional<Long> lastSeq(String runId);

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
            super("no run " + runId + " (unknown, or ended more than the retention period ago)", null, false, false);
        }
    }
}
