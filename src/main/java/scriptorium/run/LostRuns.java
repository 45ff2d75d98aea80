package scriptorium.run;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.events.Cluster;
import scriptorium.events.EventLog;
import scriptorium.events.RunEvent;
import scriptorium.store.RunStore;

/**
 * Ends the runs of instances that died (PROTOCOL §7 `instance_lost`): for each run the {@link Cluster} reports as
 * orphaned, one terminal `error`, written through {@link EventLog#end}, which refuses a second one, so that when
 * two survivors try at once only one writes it; the one that did marks the run's row {@code interrupted}.
 * A client following the run on any instance then gets that terminal event and {@code [DONE]}.
 */
final class LostRuns implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LostRuns.class);
    static final String MESSAGE = "The instance running this run stopped before it ended. Send the message again.";

    private final Cluster cluster;
    private final EventLog events;
    private final RunStore runs;
    private final Clock clock;

    LostRuns(Cluster cluster, EventLog events, RunStore runs, Clock clock) {
        this.cluster = cluster;
        this.events = events;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            for (String runId : cluster.orphans()) {
                end(runId);
            }
        } catch (RuntimeException e) { // the top of a timer task: the next tick tries again
            log.warn("could not look for runs of lost instances: {}", e.getMessage());
        }
    }

    private void end(String runId) {
        try {
            if (events.end(runId, new RunEvent.Failed("instance_lost", MESSAGE, null, true))) {
                log.warn("run {} lost its instance: ended with instance_lost", runId);
                runs.lost(runId, clock.instant(), MESSAGE);
            }
        } catch (IllegalStateException e) {
            log.debug("run {} has no log left to end: {}", runId, e.getMessage());
        }
    }
}
