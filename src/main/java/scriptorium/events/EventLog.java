package scriptorium.events;

/**
 * Each run's events, in order, replayable: the one path between a run and whoever watches it. It assigns
 * {@code seq} (PROTOCOL §2): 1 to `start`, then one more per event, no gaps.
 *
 * <p>Three writes mirror the three kinds of {@link RunEvent}: {@link #open} with `start`, {@link #append} for
 * every step, {@link #end} with the one terminal event. Only the run core holds an EventLog; streams get its
 * {@link EventFeed} side. Thread-safe; an append never blocks on readers.
 */
public interface EventLog extends EventFeed, AutoCloseable {

    /**
     * Opens the run's log with its `start` event.
     *
     * @throws EventLogFull when the runs' events already fill the log's budget
     * @throws IllegalStateException if the run already has a log
     */
    Sequenced open(String runId, RunEvent.Start start);

    /**
     * Numbers {@code step} with the run's next {@code seq} and stores it.
     *
     * @throws EventLogFull when the run, or all runs together, outgrew the budget
     * @throws IllegalStateException if the run has no open log or already ended
     */
    Sequenced append(String runId, RunEvent.Step step);

    /**
     * Ends the run's log with {@code terminal}, outside any budget, so that a run can always end; the log is then
     * kept for the retention period. Checked and written atomically: returns false, writing nothing, when the log
     * already ended (PROTOCOL §4.1: exactly one terminal event).
     *
     * @throws IllegalStateException if the run has no log
     */
    boolean end(String runId, RunEvent.Terminal terminal);

    @Override
    void close();
}
