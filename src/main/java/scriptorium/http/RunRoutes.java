package scriptorium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import scriptorium.events.EventFeed;
import scriptorium.run.RunService;
import scriptorium.store.RunRecord;

/** Following, inspecting and cancelling a run (PROTOCOL §5). */
final class RunRoutes {

    private final RunService runs;
    private final StreamHandler streams;

    RunRoutes(RunService runs, StreamHandler streams) {
        this.runs = runs;
        this.streams = streams;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/runs/{id}/stream", this::follow);
        routes.get("/api/v1/runs/{id}", this::status);
        routes.post("/api/v1/runs/{id}/cancel", this::cancel);
    }

    private void follow(Context ctx) {
        String runId = ctx.pathParam("id");
        long after = after(ctx);
        // Another user's run is unknown here: 404 before any byte, exactly as for an id that never existed.
        String sessionId = runs.find(AccessFilter.caller(ctx).userId(), runId).map(RunRecord::conversationId)
                .orElseThrow(() -> ApiException.notFound("run " + runId + ": unknown"));
        try {
            streams.stream(ctx, runId, sessionId, after);
        } catch (EventFeed.UnknownRunException e) {
            throw ApiException.notFound("run " + runId + ": unknown, or ended more than the retention period ago");
        }
    }

    private void status(Context ctx) {
        String runId = ctx.pathParam("id");
        RunRecord run = runs.find(AccessFilter.caller(ctx).userId(), runId)
                .orElseThrow(() -> ApiException.notFound("run " + runId + ": unknown"));
        long lastSeq = runs.lastSeq(runId).orElse(run.lastSeq());
        ObjectNode json = Json.object()
                .put("run_id", run.id())
                .put("session_id", run.conversationId())
                .put("status", run.status())
                .put("mode", run.mode())
                .put("route", run.route())
                .put("started_at", run.startedAt().toString())
                .put("ended_at", run.endedAt() == null ? null : run.endedAt().toString())
                .put("processing_time_ms", run.processingMs())
                .put("cost_usd", run.costUsd())
                .put("model", run.model())
                .put("last_seq", lastSeq);
        json.putObject("usage")
                .put("input_tokens", run.inputTokens())
                .put("output_tokens", run.outputTokens())
                .put("cache_read_input_tokens", run.cacheReadTokens())
                .put("cache_creation_input_tokens", run.cacheCreationTokens());
        if (run.errorCode() != null) {
            json.putObject("error").put("code", run.errorCode()).put("message", run.errorMessage());
        }
        ctx.json(json);
    }

    private void cancel(Context ctx) {
        String runId = ctx.pathParam("id");
        // Another user's run is unknown here; a run live on another instance has its row since its start.
        RunRecord run = runs.find(AccessFilter.caller(ctx).userId(), runId)
                .orElseThrow(() -> ApiException.notFound("run " + runId + ": unknown"));
        if (!runs.cancel(runId, "cancelled by the user")) {
            throw new ApiException(409, "run_not_running", "run " + runId + " is not running: " + run.status());
        }
        ctx.status(202).json(Json.object().put("run_id", runId).put("status", "cancelling"));
    }

    /** {@code Last-Event-ID} or {@code ?after=}: the last seq the client has. */
    private static long after(Context ctx) {
        String value = ctx.header("Last-Event-ID");
        String name = "Last-Event-ID";
        if (value == null || value.isBlank()) {
            value = ctx.queryParam("after");
            name = "after";
        }
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long after = Long.parseLong(value.strip());
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid_field", name + ": must be a whole number >= 0 (a seq)");
    }
}
