package scriptorium.events;

import java.time.Instant;

/** An event as its run's log numbered it: {@code seq} is 1, 2, 3... within the run, without gaps (PROTOCOL §2). */
public record Sequenced(String runId, long seq, Instant timestamp, RunEvent event) {

    public boolean terminal() {
        return event instanceof RunEvent.Terminal;
    }
}
