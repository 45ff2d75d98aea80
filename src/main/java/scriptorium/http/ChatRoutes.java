package scriptorium.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import scriptorium.events.RunEvent;
import scriptorium.run.Failure;
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
        StartedRun run = runs.start(request(ctx));
        streams.stream(ctx, run.runId(), run.sessionId(), 0);
    }

    /** The caller's request (the run service refuses another user's conversation, as unknown). */
    private RunRequest request(Context ctx) {
        return ChatRequest.parse(ctx.bodyInputStream(), AccessFilter.caller(ctx).userId());
    }

    private void answer(Context ctx) throws InterruptedException {
        StartedRun run = runs.start(request(ctx));
        ctx.header("X-Run-Id", run.runId()).header("X-Session-Id", run.sessionId());
        RunEvent.Terminal end = streams.awaitEnd(run.runId());
        if (end instanceof RunEvent.Completed completed) {
            ctx.json(EventJson.result(completed.result()));
        } else {
            HttpServer.reply(ctx, Failure.of(end));
        }
    }
}
