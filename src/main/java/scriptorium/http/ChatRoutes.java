package scriptorium.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import scriptorium.run.RunEvent;
import scriptorium.run.RunRequest;
import scriptorium.run.RunService;
import scriptorium.run.RunService.StartedRun;

/** Starting runs (PROTOCOL §1): streamed, or answered once the run has ended. */
final class ChatRoutes {

    private final RunService runs;
    private final StreamHandler streams;

    ChatRoutes(RunService runs, StreamHandler streams) {
        this.runs = runs;
        this.streams = streams;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/chat/orchestrated/stream", this::stream);
        routes.post("/api/v1/chat/orchestrated", this::answer);
    }

    private void stream(Context ctx) {
        RunRequest request = ChatRequest.parse(ctx.bodyInputStream());
        StartedRun run = runs.start(request);
        streams.stream(ctx, run.runId(), run.sessionId(), 0);
    }

    private void answer(Context ctx) throws InterruptedException {
        RunRequest request = ChatRequest.parse(ctx.bodyInputStream());
        StartedRun run = runs.start(request);
        ctx.header("X-Run-Id", run.runId()).header("X-Session-Id", run.sessionId());
        switch (streams.awaitEnd(run.runId())) {
            case RunEvent.Completed completed -> ctx.json(EventJson.result(completed.result()));
            case RunEvent.Failed failed -> ctx.status(failed.retryable() ? 503 : 500)
                    .contentType("application/json").result(Json.error(failed.code(), failed.message()));
            case RunEvent.Cancelled cancelled -> ctx.status(409)
                    .contentType("application/json").result(Json.error("cancelled", cancelled.reason()));
        }
    }
}
