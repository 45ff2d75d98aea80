package scriptorium;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.agent.ArchiveTools;
import scriptorium.agent.ContextNotes;
import scriptorium.agent.Persona;
import scriptorium.agent.Prompts;
import scriptorium.agent.Team;
import scriptorium.agent.ToolLoop;
import scriptorium.config.ModelSettings;
import scriptorium.config.Settings;
import scriptorium.http.Health;
import scriptorium.http.HttpServer;
import scriptorium.http.NoteRoutes;
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
import scriptorium.events.MemoryEventLog;
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

    private final Database database;
    private final Knowledge knowledge;
    private final MemoryEventLog events;
    private final RunService runs;
    private final McpEndpoint mcp;
    private final HttpServer http;
    private final AutoCloseable modelClient;

    private App(Database database, Knowledge knowledge, MemoryEventLog events, RunService runs, McpEndpoint mcp,
                HttpServer http, AutoCloseable modelClient) {
        this.database = database;
        this.knowledge = knowledge;
        this.events = events;
        this.runs = runs;
        this.mcp = mcp;
        this.http = http;
        this.modelClient = modelClient;
    }

    /** Starts with the model of the settings: the provider's adapter behind {@link RetryingModel}, or Offline. */
    public static App start(Settings settings) {
        return switch (settings.model()) {
            case ModelSettings.Offline offline -> start(settings, new OfflineModel(offline.chunkDelay()), () -> { });
            case ModelSettings.Anthropic anthropic -> {
                var adapter = new AnthropicModel(anthropic, Pricing.load());
                yield start(settings, new RetryingModel(adapter, anthropic.calls()), adapter);
            }
            case ModelSettings.OpenAiCompatible openAi -> {
                var adapter = new OpenAiCompatibleModel(openAi, Pricing.load());
                yield start(settings, new RetryingModel(adapter, openAi.calls()), adapter);
            }
        };
    }

    /** Starts with {@code model} as every agent's model (the settings' one, or a test's failing model). */
    public static App start(Settings settings, ChatModel model) {
        return start(settings, model, () -> { });
    }

    /** @param modelClient what the model holds open (its HTTP client), closed once the runs are over */
    private static App start(Settings settings, ChatModel model, AutoCloseable modelClient) {
        Database database = Database.open(settings.store());
        Knowledge knowledge;
        try {
            knowledge = Knowledge.open(settings.store().dataDir(), database.dataSource());
        } catch (RuntimeException e) {
            closeModel(modelClient);
            database.close();
            throw e;
        }
        var clock = Clock.systemUTC();
        var conversations = new ConversationStore(database.dataSource());
        var events = new MemoryEventLog(settings.runs().retention(), new MemoryEventLog.Budget(
                settings.runs().eventLogRunBytes(), settings.runs().eventLogBytes()), clock, EVENT_LOG_SWEEP);
        var prompts = Prompts.load();
        var team = new Team(new ToolLoop(model, prompts, settings.runs().maxToolRounds()),
                new Persona(Agent.PLUME, ArchiveTools.of(Agent.PLUME, knowledge.notes())),
                new Persona(Agent.MIMIR, ArchiveTools.of(Agent.MIMIR, knowledge.notes())), prompts,
                settings.runs().discussionMaxMessages(), ContextNotes.of(knowledge.notes()));
        var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        var runs = new RunService(events, new Orchestrator(new Router(), team), conversations,
                new RunStore(database.dataSource(), database.writes()), settings.runs(),
                settings.store().limits().timeout(), meters, clock);
        var health = new Health(VERSION, settings.model().describe(), settings.store().describe(), "memory");
        // MCP (issue 12): the same notes and runs. Issue 10 (accounts) replaces LOCAL by the gate's caller, which its
        // filter attaches to the request, and its gate then checks Host and Origin before any route, /mcp included.
        var mcp = McpEndpoint.start(knowledge.notes(), runs, events, request -> McpCaller.LOCAL,
                hostNames(settings.http().host()), settings.http().heartbeat(), VERSION);
        try {
            var http = HttpServer.start(settings.http(),
                    new HttpServer.Services(runs, events, conversations, meters, health),
                    List.of(new NoteRoutes(knowledge.notes())::register,
                            new ServletRoute(McpEndpoint.PATH, mcp.servlet())::register));
            return new App(database, knowledge, events, runs, mcp, http, modelClient);
        } catch (RuntimeException e) {
            mcp.close();
            runs.close();
            closeModel(modelClient);
            knowledge.close();
            database.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** Live runs get their grace period and end with a terminal event before the server stops. */
    @Override
    public void close() {
        runs.close();
        closeModel(modelClient);
        mcp.close();
        http.close();
        events.close();
        knowledge.close();
        database.close();
    }

    /** Loopback names, and the listening address when it is one address rather than all of them. */
    private static Set<String> hostNames(String listening) {
        var names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        if (!listening.equals("0.0.0.0") && !listening.equals("::") && !listening.isBlank()) {
            names.add(listening.contains(":") ? "[" + listening + "]" : listening.toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }

    private static void closeModel(AutoCloseable modelClient) {
        try {
            modelClient.close();
        } catch (Exception e) {
            // Shutting down: the client's threads die with the JVM; say so and go on closing the rest.
            log.warn("model client did not close cleanly", e);
        }
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
