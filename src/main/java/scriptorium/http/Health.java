package scriptorium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import scriptorium.knowledge.IndexLag;

/**
 * What {@code GET /health} says: which model, store (database) and event log ({@code memory} or {@code redis}) are
 * in use, and how far this instance's search index is behind the notes table (never a key).
 */
public record Health(String version, String model, String store, String eventLog, Supplier<IndexLag> indexLag) {

    public Health(String version, String model, String store, String eventLog) {
        this(version, model, store, eventLog, () -> new IndexLag(0, 0));
    }

    ObjectNode json(int liveRuns) {
        ObjectNode json = Json.object().put("status", "ok").put("version", version).put("model", model)
                .put("store", store).put("database", store).put("event_log", eventLog).put("live_runs", liveRuns);
        IndexLag lag = indexLag.get();
        json.putObject("index").put("lag_changes", lag.changes()).put("lag_ms", lag.millis());
        return json;
    }
}
