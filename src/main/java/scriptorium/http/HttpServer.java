package scriptorium.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.config.Settings.HttpSettings;
import scriptorium.run.EventLog;
import scriptorium.run.RunService;
import scriptorium.store.ConversationStore;

/** The HTTP server: every route, and the one place errors become JSON (never a stack trace). */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin javalin;

    private HttpServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /**
     * Starts serving on {@code settings.port()} (0 picks a free one).
     *
     * @param health what {@code GET /health} answers besides its status
     * @param more   route groups of other components (notes, search, ...)
     */
    public static HttpServer start(HttpSettings settings, RunService runs, EventLog events,
                                   ConversationStore conversations, Health health,
                                   List<Consumer<RoutesConfig>> more) {
        var streams = new StreamHandler(events, settings.heartbeat());
        Javalin javalin = Javalin.create(config -> {
            configure(config);
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            new ChatRoutes(runs, streams).register(config.routes);
            new RunRoutes(runs, streams).register(config.routes);
            new ConversationRoutes(conversations).register(config.routes);
            config.routes.get("/health", ctx -> ctx.json(health.json(runs.liveRuns())));
            more.forEach(group -> group.accept(config.routes));
            errors(config.routes);
        });
        javalin.start();
        return new HttpServer(javalin);
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }

    private static void configure(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = 2L * 1024 * 1024;
        config.http.prefer405over404 = true;
        // The web page (issue 5): static files from the jar, and its browser libraries as WebJars (no CDN).
        config.staticFiles.add("/public", Location.CLASSPATH);
        config.staticFiles.enableWebjars();
    }

    private static void errors(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> reply(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(RunService.ShuttingDown.class,
                (e, ctx) -> reply(ctx, 503, "shutting_down", "the server is shutting down: retry on another instance"));
        routes.exception(HttpResponseException.class,
                (e, ctx) -> reply(ctx, e.getStatus(), codeOf(e.getStatus()), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("request failed: {} {}", ctx.method(), ctx.path(), e);
            reply(ctx, 500, "internal", "internal error; the server log has the details");
        });
        routes.error(404, "*", ctx -> {
            if (ctx.result() == null) {
                reply(ctx, 404, "not_found", "no route for " + ctx.method() + " " + ctx.path());
            }
        });
        routes.error(405, "*", ctx -> reply(ctx, 405, "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path()));
    }

    private static void reply(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json").result(Json.error(code, message));
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            default -> "http_" + status;
        };
    }
}
