package scriptorium.events;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The other instances serving the same runs (ARCHITECTURE: "Scaled out"): how a cancel reaches the instance that
 * runs a run, and which runs lost their instance. The lease an instance holds on its runs is taken by
 * {@link EventLog#open} and given back by {@link EventLog#end}, atomically with those writes; a Cluster only
 * renews it and watches the others'. {@link #ALONE} is the single instance of the default setup.
 *
 * <p>Thread-safe. Methods fail with {@link EventLogUnavailable} when the shared store cannot be reached.
 */
public interface Cluster extends AutoCloseable {

    /**
     * Asks the instance running {@code runId} (another one: the caller already looked at its own runs) to cancel
     * it. Returns false, sending nothing, when no instance runs it (unknown, or already ended).
     */
    boolean cancel(String runId, String reason);

    /** Hands {@code (runId, reason)} to {@code handler} for each cancel asked for from any instance. */
    void onCancel(BiConsumer<String, String> handler);

    /**
     * Runs held by instances whose lease expired and stayed so (they died): each is to be ended once, with
     * `instance_lost`, by whichever survivor writes its terminal event first ({@link EventLog#end} is atomic).
     */
    List<String> orphans();

    @Override
    void close();

    /** One instance: no one else runs runs, no one else can die. */
    Cluster ALONE = new Cluster() {
        @Override
        public boolean cancel(String runId, String reason) {
            return false;
        }

        @Override
        public void onCancel(BiConsumer<String, String> handler) {
            // nobody else sends cancels
        }

        @Override
        public List<String> orphans() {
            return List.of();
        }

        @Override
        public void close() {
            // nothing held
        }
    };
}
