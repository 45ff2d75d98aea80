package scriptorium.events;

/** A run's events outgrew the log's budget (per run, or all runs together): the run ends with `event_log_full`. */
public final class EventLogFull extends RuntimeException {
    public EventLogFull(String message) {
        super(message, null, false, false);
    }
}
