package scriptorium;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.agent.ArchiveTools;
import scriptorium.agent.ContextNotes;
import scriptorium.agent.Persona;
import scriptorium.agent.Prompts;
import scriptorium.agent.Team;
import scriptorium.agent.ToolLoop;
import scriptorium.capture.Documents;
import scriptorium.capture.OpenAiTranscriber;
import scriptorium.capture.QuickNotes;
import scriptorium.capture.Transcriber;
import scriptorium.capture.Voice;
import scriptorium.config.ModelSettings;
import scriptorium.config.TranscriptionSettings;
import scriptorium.http.CaptureRoutes;
import scriptorium.config.Settings;
import scriptorium.http.Health;
import scriptorium.http.HistoryRoutes;
import scriptorium.http.HttpServer;
import scriptorium.http.NoteRoutes;
import scriptorium.http.AccessFilter;
import scriptorium.http.AccountRoutes;
import scriptorium.http.UsageRoutes;
import scriptorium.access.Accounts;
import scriptorium.access.Caller;
import scriptorium.access.Gate;
import scriptorium.access.Tokens;
import scriptorium.config.AccessSettings;
import scriptorium.store.CredentialStore;
import scriptorium.store.UsageStore;
import scriptorium.store.UserStore;
import java.util.Optional;
import scriptorium.http.ServletRoute;
import scriptorium.knowledge.Knowledge;
import scriptorium.llm.ChatModel;
import scriptorium.llm.Pricing;
import scriptorium.llm.RetryingModel;
import scriptorium.llm.anthropic.AnthropicModel;
import scriptorium.llm.offline.OfflineModel;
import scriptorium.llm.openai.OpenAiCompatibleModel;
import scriptorium.mcp.McpCaller;
import scriptorium.mcp.McpEndpoint;
import scriptorium.orchestrator.Orchestrator;
import scriptorium.orchestrator.Router;
import scriptorium.llm.Agent;
import scriptorium.config.EventLogSettings;
import scriptorium.events.Cluster;
import scriptorium.events.EventLog;
import scriptorium.events.MemoryEventLog;
import scriptorium.events.redis.RedisCluster;
import scriptorium.run.RunService;
import scriptorium.store.ConversationStore;
import scriptorium.store.Database;
import scriptorium.store.RunStore;

/** Scriptorium wired by hand: every component built here, in order, and closed in reverse. */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);

    public static final String VERSION = versionOf(App.class);
    /** How often ended runs past their retention are dropped from the event log. */
    private static final Duration EVENT_LOG_SWEEP = Duration.ofSeconds(30);

    private final Storage storage;
    private final EventLog events;
    private final Cluster cluster;
    private final RunService runs;
    /** Built once the server listens (awaitReady): its requests wait for the server to be ready. */
    private final CompletableFuture<McpEndpoint> mcp;
    private final HttpServer http;
    /** What the model and the transcriber hold open (their HTTP clients), closed once the runs are over. */
    private final AutoCloseable clients;
    /** What the start does once the server listens. */
    private final AtReady atReady;
    /** Completed once the services are in place: until then requests to routes wait (issue 16). */
    private final CompletableFuture<Void> ready;
    private volatile String setupSecret;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * What the start does once the server listens, off the path to listening (issue 16).
     *
     * @param mcp        builds the MCP endpoint (its SDK's JSON and schemas)
     * @param meters     binds the JVM's meters (their MXBeans)
     * @param firstStart once the database is open: the first admin's one-time setup secret, or null (accounts mode)
     */
    private record AtReady(Supplier<McpEndpoint> mcp, Runnable meters, Supplier<String> firstStart) {}

    private App(Storage storage, EventLog events, Cluster cluster, RunService runs, CompletableFuture<McpEndpoint> mcp,
                HttpServer http, AutoCloseable clients, AtReady atReady, CompletableFuture<Void> ready) {
        this.storage = storage;
        this.events = events;
        this.cluster = cluster;
        this.runs = runs;
        this.mcp = mcp;
        this.http = http;
        this.clients = clients;
        this.atReady = atReady;
        this.ready = ready;
    }

    /** Starts with the model of the settings, and returns once the server is ready ({@link #listen}, then waits). */
    public static App start(Settings settings) {
        App app = listen(settings);
        app.awaitReady();
        return app;
    }

    /**
     * Starts listening at once, while the database and the archive open (issue 16), with the model of the settings:
     * the provider's adapter behind {@link RetryingModel}, or Offline. Requests to routes wait until
     * {@link #awaitReady} has put the services in place; the page's files are served now.
     */
    public static App listen(Settings settings) {
        return switch (settings.model()) {
            case ModelSettings.Offline offline -> listen(settings, new OfflineModel(offline.chunkDelay()), () -> { });
            case ModelSettings.Anthropic anthropic -> {
                var adapter = new AnthropicModel(anthropic, Pricing.load());
                yield listen(settings, new RetryingModel(adapter, anthropic.calls()), adapter);
            }
            case ModelSettings.OpenAiCompatible openAi -> {
                var adapter = new OpenAiCompatibleModel(openAi, Pricing.load());
                yield listen(settings, new RetryingModel(adapter, openAi.calls()), adapter);
            }
        };
    }

    /** Starts with {@code model} as every agent's model (the settings' one, or a test's failing model), once ready. */
    public static App start(Settings settings, ChatModel model) {
        App app = listen(settings, model, () -> { });
        app.awaitReady();
        return app;
    }

    /**
     * Builds what listening did not need (the MCP endpoint, the JVM's meters) while the database and the archive
     * finish opening, waits for them, then does what needs them at start (the last stop's runs marked interrupted,
     * the first admin's setup, the vault's sync) and lets the waiting requests through. If the start fails,
     * everything is closed (nothing is left listening) and the cause is thrown.
     */
    public void awaitReady() {
        try {
            mcp.complete(atReady.mcp().get());
            atReady.meters().run();
            storage.awaitOpen();
            runs.interruptLeftovers();
            setupSecret = atReady.firstStart().get();
            storage.knowledge().startVault(); // on its own thread: a first sync of a large vault never delays the server
            ready.complete(null);
        } catch (RuntimeException | Error e) {
            ready.completeExceptionally(e); // the requests waiting for it get 503 at once
            close();
            throw e;
        }
    }

    /** @param modelClient what the model holds open (its HTTP client), closed once the runs are over */
    private static App listen(Settings settings, ChatModel model, AutoCloseable modelClient) {
        HttpServer.preload();
        Storage storage;
        try {
            storage = Storage.opening(settings); // the database and the archive, opened once the server listens
        } catch (RuntimeException e) {
            closeClient(modelClient);
            throw e;
        }
        Database database = storage.database();
        Knowledge knowledge = storage.knowledge();
        var clock = Clock.systemUTC();
        var conversations = new ConversationStore(database.dataSource());
        var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.gauge("scriptorium.index.lag.changes", knowledge, k -> k.lag().changes());
        meters.gauge("scriptorium.index.lag.seconds", knowledge, k -> k.lag().millis() / 1000.0);
        EventLog events;
        Cluster cluster;
        try {
            switch (settings.events()) {
                case EventLogSettings.Memory memory -> {
                    events = new MemoryEventLog(settings.runs().retention(), new MemoryEventLog.Budget(
                            settings.runs().eventLogRunBytes(), settings.runs().eventLogBytes()), clock,
                            EVENT_LOG_SWEEP);
                    cluster = Cluster.ALONE;
                }
                case EventLogSettings.Redis redis -> {
                    var shared = RedisCluster.open(redis, settings.runs().eventLogRunBytes(),
                            settings.runs().retention(), meters, clock);
                    events = shared.events();
                    cluster = shared;
                }
            }
        } catch (RuntimeException e) {
            closeClient(modelClient);
            storage.close();
            throw e;
        }
        var prompts = Prompts.load();
        var team = new Team(new ToolLoop(model, prompts, settings.runs().maxToolRounds()),
                new Persona(Agent.PLUME, ArchiveTools.of(Agent.PLUME, knowledge.notes())),
                new Persona(Agent.MIMIR, ArchiveTools.of(Agent.MIMIR, knowledge.notes())), prompts,
                settings.runs().discussionMaxMessages(), ContextNotes.of(knowledge.notes()));
        var orchestrator = new Orchestrator(new Router(), team);
        var runs = new RunService(events, cluster, orchestrator, conversations,
                new RunStore(database.dataSource(), database.writes()), settings.runs(),
                settings.store().limits().timeout(), meters, clock, knowledge.notes());
        var health = new Health(VERSION, settings.model().describe(), settings.store().describe(),
                settings.events().describe(), knowledge::lag);
        Transcriber transcriber = transcriber(settings.transcription());
        Voice voice = switch (settings.transcription()) {
            case TranscriptionSettings.Off off -> Voice.off(runs, orchestrator, knowledge.notes());
            case TranscriptionSettings.OpenAiCompatible openAi ->
                    new Voice(runs, orchestrator, transcriber, openAi.calls(), knowledge.notes());
        };
        var captures = new CaptureRoutes(voice,
                new Documents(knowledge.notes(), runs), new QuickNotes(knowledge.notes()));
        AutoCloseable clients = () -> {
            closeClient(modelClient);
            if (transcriber instanceof AutoCloseable closeable) {
                closeClient(closeable);
            }
        };
        // MCP (issue 12): the same notes and runs, as the caller the access gate let through (ServletRoute hands it on).
        try {
            AccessSettings access = settings.access();
            var users = new UserStore(database.dataSource());
            var credentials = new CredentialStore(database.dataSource());
            var usage = new UsageStore(database.dataSource());
            var accounts = new Accounts(users, credentials, clock, owner -> knowledge.notes(owner).forgetAll());
            var tokens = new Tokens(credentials, users, clock);
            Supplier<String> firstStart = () -> access.mode() == AccessSettings.AuthMode.ACCOUNTS
                    ? accounts.firstStart(access.adminUser(), access.adminPassword().value()).orElse(null) : null;
            var gate = new Gate(access, UserStore.LOCAL_OWNER, accounts, tokens, usage, clock);
            // The per-user run limits hold for the runs MCP's ask_* tools start, as for the page's (issue 10).
            var atReady = new AtReady(() -> McpEndpoint.start(knowledge.notes(), runs, events, App::mcpCaller,
                    gate::admitRun, hostNames(settings), settings.http().heartbeat(), VERSION), () -> {
                        new JvmMemoryMetrics().bindTo(meters);
                        new JvmThreadMetrics().bindTo(meters);
                        new ProcessorMetrics().bindTo(meters);
                    }, firstStart);
            var mcp = new CompletableFuture<McpEndpoint>();
            // Listening from here on: requests to routes wait for `ready` (awaitReady), the gate's checks included.
            var ready = new CompletableFuture<Void>();
            var http = HttpServer.start(settings.http(),
                    new HttpServer.Services(runs, events, conversations, meters, health, captures),
                    List.of(new AccessFilter(gate)::register, new AccountRoutes(accounts, tokens, access)::register,
                            new UsageRoutes(usage, access, clock)::register,
                            new NoteRoutes(knowledge.notes(), knowledge::vaultStatus)::register, new HistoryRoutes(knowledge.history(), runs)::register,
                            new ServletRoute(McpEndpoint.PATH, () -> mcp.join().servlet())::register),
                    ready, settings.store().limits().timeout());
            storage.startOpening();
            return new App(storage, events, cluster, runs, mcp, http, clients, atReady, ready);
        } catch (RuntimeException e) {
            runs.close();
            closeClient(clients);
            events.close();
            cluster.close();
            storage.close();
            throw e;
        }
    }

    /** No run is running and no stream is open: nothing would be cut by stopping now. */
    public boolean idle() {
        return runs.liveRuns() == 0 && http.openStreams() == 0;
    }

    /** The transcription server of the settings, or {@link Transcriber#OFF}. */
    private static Transcriber transcriber(TranscriptionSettings settings) {
        return switch (settings) {
            case TranscriptionSettings.Off off -> Transcriber.OFF;
            case TranscriptionSettings.OpenAiCompatible openAi -> new OpenAiTranscriber(openAi);
        };
    }

    public int port() {
        return http.port();
    }

    /** The one-time secret of the first admin's setup link, when accounts mode started with nobody able to sign in. */
    public Optional<String> setupSecret() {
        return Optional.ofNullable(setupSecret);
    }

    /** Every route the server answers, as {@code "METHOD /template"}. */
    public List<String> routes() {
        return http.routes();
    }

    /**
     * Live runs get their grace period and end with a terminal event before the server stops. Once: a later call
     * returns at once. A store still opening is closed once its opening has ended.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // a start that failed closed it already; the shutdown hook comes next
        }
        runs.close();
        closeClient(clients);
        if (mcp.state() == Future.State.SUCCESS) {
            mcp.resultNow().close();
        }
        http.close();
        events.close();
        cluster.close();
        storage.close();
    }

    /**
     * The names the gate lets in (PROTOCOL §8): loopback, the listening address when it is one address, the host of
     * {@code PUBLIC_URL} and {@code ALLOWED_HOSTS}. The MCP transport checks them again, as its specification asks.
     */
    private static Set<String> hostNames(Settings settings) {
        var names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        String listening = settings.http().host();
        if (!listening.equals("0.0.0.0") && !listening.equals("::") && !listening.isBlank()) {
            names.add(listening.contains(":") ? "[" + listening + "]" : listening.toLowerCase(java.util.Locale.ROOT));
        }
        if (!settings.access().publicHost().isEmpty()) {
            names.add(settings.access().publicHost());
        }
        names.addAll(settings.access().allowedHosts());
        return names;
    }

    /** The MCP caller is the access gate's: its user, and the scopes of its token (every scope for a session). */
    private static McpCaller mcpCaller(jakarta.servlet.http.HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(ServletRoute.CALLER);
        Set<scriptorium.mcp.Scope> scopes = EnumSet.noneOf(scriptorium.mcp.Scope.class);
        for (scriptorium.mcp.Scope scope : scriptorium.mcp.Scope.values()) {
            if (caller.may(scriptorium.access.Scope.valueOf(scope.name()))) {
                scopes.add(scope);
            }
        }
        return new McpCaller(caller.userId(), scopes);
    }

    private static void closeClient(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            // Shutting down: the client's threads die with the JVM; say so and go on closing the rest.
            log.warn("an HTTP client (the model's or the transcriber's) did not close cleanly", e);
        }
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
