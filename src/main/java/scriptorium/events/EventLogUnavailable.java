package scriptorium.events;

/**
 * The event log's store (Redis) could not be reached within its deadline, or lost events it had acknowledged: the
 * run ends with `event_log_unavailable`, and a stream closes without `[DONE]` so that its client resumes later.
 */
public final class EventLogUnavailable extends RuntimeException {
    public EventLogUnavailable(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
