package scriptorium.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.JavalinStaticResourceHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Future;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.access.Caller;
import scriptorium.access.Scope;
import scriptorium.config.Settings.HttpSettings;
import scriptorium.events.EventFeed;
import scriptorium.json.Jackson;
import scriptorium.run.Failure;
import scriptorium.run.RunService;
import scriptorium.store.ConversationStore;

/** The HTTP server: every route, and the one place errors become JSON (never a stack trace). */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final int ACCEPT_QUEUE = 8192;
    /** The most of a body refused as too large that is read and dropped before the answer ({@link #readToEnd}). */
    private static final long DRAINED_AT_MOST = 32L * 1024 * 1024;

    private final Javalin javalin;

    private final StreamHandler streams;
    private final ReadyGate starting;

    private HttpServer(Javalin javalin, StreamHandler streams, ReadyGate starting) {
        this.javalin = javalin;
        this.streams = streams;
        this.starting = starting;
    }

    /**
     * Starts serving on {@code settings.port()} (0 picks a free one), before the services behind the routes may be
     * in place (issue 16: the store opens meanwhile): until {@code ready} completes, a request to a route waits for it,
     * up to {@code patience}, then gets 503 {@code starting}; the page's static files answer at once, and
     * {@code /health} says {@code starting} with 503.
     *
     * @param more route groups of other components (notes, search, ...)
     */
    public static HttpServer start(HttpSettings settings, Services services, List<Consumer<RoutesConfig>> more,
                                   Future<?> ready, Duration patience) {
        RunService runs = services.runs();
        var streams = new StreamHandler(services.events(), settings.heartbeat(), settings.streamRetry(), services.meters());
        var starting = new ReadyGate(ready, patience);
        Javalin javalin = Javalin.create(config -> {
            configure(config);
            config.jetty.addConnector((server, http) -> connector(server, http, settings));
            // First of the before-matched handlers: the access gate's (which may read the store) runs after it.
            config.routes.beforeMatched(starting::hold);
            new ChatRoutes(runs, streams).register(config.routes);
            new RunRoutes(runs, streams).register(config.routes);
            new ConversationRoutes(services.conversations(), runs).register(config.routes);
            services.captures().register(config.routes, streams);
            // Open to all (PROTOCOL §8), but only an admin or a token with scope metrics reads the details.
            config.routes.get(ReadyGate.HEALTH, ctx -> {
                if (!starting.ready()) {
                    ctx.status(503).json(Json.object().put("status", starting.state()));
                    return;
                }
                ctx.json(AccessFilter.anyone(ctx) instanceof Caller c && (c.admin() || c.may(Scope.METRICS))
                        ? services.health().json(runs.liveRuns()) : Json.object().put("status", "ok"));
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(services.meters().scrape()));
            more.forEach(group -> group.accept(config.routes));
            errors(config.routes);
        });
        javalin.start();
        return new HttpServer(javalin, streams, starting);
    }

    /**
     * Starts initialising, on a thread of its own, the classes the server's start spends most of its time in, so that
     * they are ready when it reaches them (issue 16): Jetty's {@code MimeTypes} lists every locale the JDK knows
     * (a tenth of a second of a core), Jackson's {@code ObjectMapper} builds a calendar, and Javalin's start writes
     * its build date with the month's name (the locale's text data). Both log: call it once logging is configured.
     */
    public static void preload() {
        Thread.ofPlatform().name("preload").start(() -> {
            try {
                Class.forName("org.eclipse.jetty.http.MimeTypes", true, HttpServer.class.getClassLoader());
                Class.forName(Jackson.class.getName(), true, HttpServer.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError("a class of the jar is missing", e);
            }
            DateTimeFormatter.ofPattern("MMMM d, yyyy").format(LocalDate.EPOCH);
        });
    }

    /** What the routes serve. */
    public record Services(RunService runs, EventFeed events, ConversationStore conversations,
                           PrometheusMeterRegistry meters, Health health, CaptureRoutes captures) {}

    public int port() {
        return javalin.port();
    }

    /** Event streams open now. */
    public int openStreams() {
        return streams.open();
    }

    /**
     * Every route registered, as {@code "METHOD /template"}, read from Javalin's router: what the access tests walk,
     * so that a new route cannot be left out of them. (The router is only reachable through {@code unsafe}.)
     */
    public List<String> routes() {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> parsed.endpoint.method.isHttpMethod())
                .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path)
                .toList();
    }

    @Override
    public void close() {
        // Runs have ended by now (RunService closes first): let each stream write its terminal event and [DONE].
        streams.awaitIdle(Duration.ofSeconds(5));
        starting.awaitAnswered(Duration.ofSeconds(5)); // a failed start: the requests it held have their 503
        javalin.stop();
    }

    /**
     * The listening socket. Its accept queue is sized for bursts of thousands of streams opening at once:
     * the JDK's default backlog of 50 resets connections long before the server is busy.
     */
    private static ServerConnector connector(Server server, HttpConfiguration http, HttpSettings settings) {
        var connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
    }

    private static void configure(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        // Our one mapper (every answer here is a JsonNode): Javalin's own would build a second one, with every module
        // it finds, at the first answer of the server (the start's first /health).
        config.jsonMapper(new JavalinJackson(Jackson.MAPPER, true));
        config.http.maxRequestSize = 2L * 1024 * 1024;
        // Captures (issue 13): a voice note is up to 25 MiB, a document 10 MiB. Parts past 1 MiB go to disk, and the
        // limits here sit above ours so that the capture routes, not Jetty, say which file is too large and why.
        config.jetty.multipartConfig.maxFileSize(64, SizeUnit.MB);
        config.jetty.multipartConfig.maxTotalRequestSize(128, SizeUnit.MB);
        config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        config.http.prefer405over404 = true;
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            // Javalin's default server wraps every request in Jetty's StatisticsHandler, whose counts nothing reads
            // (our metrics are Micrometer's): it wrapped every write of every stream, a callback and two event
            // notifications per token (issue 15). Without it Javalin mounts its context straight on the server.
            server.setHandler((Handler) null);
        });
        // The web page (issue 5): static files from the jar, and its browser libraries as WebJars (no CDN).
        // Javalin's own handler reads them through the class loader; Jetty's mounted the whole jar as a zip file
        // system, once per folder and twice each (30 000 entries: the largest part of the server's start).
        config.resourceHandler(new JavalinStaticResourceHandler());
        config.staticFiles.add("/public", Location.CLASSPATH);
        config.staticFiles.enableWebjars();
    }

    /** Every exception a route throws becomes one JSON answer, mapped by {@link Failure} (never a stack trace). */
    private static void errors(RoutesConfig routes) {
        routes.exception(HttpResponseException.class,
                (e, ctx) -> reply(ctx, Failure.ofStatus(e.getStatus(), e.getMessage())));
        routes.exception(Exception.class, (e, ctx) -> {
            Failure failure = Failure.of(e);
            if (!failure.expected()) {
                log.error("request failed: {} {}", ctx.method(), ctx.path(), e);
            }
            reply(ctx, failure);
        });
        // A committed response already carries its answer (a mounted servlet's): it gets no second one.
        routes.error(404, "*", ctx -> {
            if (ctx.result() == null && !ctx.res().isCommitted()) {
                reply(ctx, Failure.ofStatus(404, "no route for " + ctx.method() + " " + ctx.path()));
            }
        });
        routes.error(405, "*", ctx -> {
            if (!ctx.res().isCommitted()) {
                reply(ctx, Failure.ofStatus(405, ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
    }

    static void reply(Context ctx, Failure failure) {
        if (failure.status() == 413) {
            readToEnd(ctx);
        }
        ctx.status(failure.status()).contentType("application/json").result(Json.error(failure.code(), failure.message()));
    }

    /**
     * Reads and drops what is left of a body refused as too large, before the answer: a server that closes the
     * connection with the upload still coming resets it, and the client, still sending, loses the answer (a client
     * that sends the whole body before reading got a broken pipe every time). Past {@value #DRAINED_AT_MOST} bytes
     * the connection is closed as before.
     */
    private static void readToEnd(Context ctx) {
        try {
            var body = ctx.req().getInputStream(); // throws if the route took a reader: then it is left as it is
            long left = DRAINED_AT_MOST;
            byte[] sink = new byte[16 * 1024];
            for (int read; left > 0 && (read = body.read(sink, 0, (int) Math.min(sink.length, left))) >= 0; ) {
                left -= read;
            }
        } catch (IOException | RuntimeException e) {
            log.debug("a refused body was not read to its end: {}", e.toString());
        }
    }
}
