package scriptorium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What {@code GET /health} says: which model, store and event log are in use (never a key). */
public record Health(String version, String model, String store, String eventLog) {

    ObjectNode json(int liveRuns) {
        return Json.object().put("status", "ok").put("version", version).put("model", model).put("store", store)
                .put("event_log", eventLog).put("live_runs", liveRuns);
    }
}
