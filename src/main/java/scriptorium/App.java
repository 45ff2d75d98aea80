package scriptorium;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import scriptorium.agent.Persona;
import scriptorium.agent.Prompts;
import scriptorium.agent.Team;
import scriptorium.agent.ToolLoop;
import scriptorium.config.ModelSettings;
import scriptorium.config.Settings;
import scriptorium.http.Health;
import scriptorium.http.HttpServer;
import scriptorium.llm.ChatModel;
import scriptorium.llm.offline.OfflineModel;
import scriptorium.orchestrator.Orchestrator;
import scriptorium.orchestrator.Router;
import scriptorium.run.Agent;
import scriptorium.run.MemoryEventLog;
import scriptorium.run.RunService;
import scriptorium.store.ConversationStore;
import scriptorium.store.Database;
import scriptorium.store.RunStore;

/** Scriptorium wired by hand: every component built here, in order, and closed in reverse. */
public final class App implements AutoCloseable {

    public static final String VERSION = versionOf(App.class);

    private final Database database;
    private final MemoryEventLog events;
    private final RunService runs;
    private final HttpServer http;

    private App(Database database, MemoryEventLog events, RunService runs, HttpServer http) {
        this.database = database;
        this.events = events;
        this.runs = runs;
        this.http = http;
    }

    public static App start(Settings settings) {
        return start(settings, model(settings.model()));
    }

    /** Starts with {@code model} as every agent's model (the settings' one, or a test's failing model). */
    public static App start(Settings settings, ChatModel model) {
        Database database = Database.open(settings.store());
        var clock = Clock.systemUTC();
        var conversations = new ConversationStore(database.dataSource());
        var events = new MemoryEventLog(settings.runs().retention(), clock);
        var prompts = Prompts.load();
        var team = new Team(new ToolLoop(model, prompts, settings.runs().maxToolRounds()),
                new Persona(Agent.PLUME, List.of()), new Persona(Agent.MIMIR, List.of()), prompts,
                settings.runs().discussionMaxMessages());
        var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        var runs = new RunService(events, new Orchestrator(new Router(), team), conversations,
                new RunStore(database.dataSource()), settings.runs(), meters, clock);
        var health = new Health(VERSION, settings.model().describe(), settings.store().describe(), "memory");
        try {
            var http = HttpServer.start(settings.http(),
                    new HttpServer.Services(runs, events, conversations, meters, health), List.of());
            return new App(database, events, runs, http);
        } catch (RuntimeException e) {
            runs.close();
            database.close();
            throw e;
        }
    }

    static ChatModel model(ModelSettings settings) {
        return switch (settings) {
            case ModelSettings.Offline offline -> new OfflineModel(offline.chunkDelay());
        };
    }

    public int port() {
        return http.port();
    }

    /** Live runs get their grace period and end with a terminal event before the server stops. */
    @Override
    public void close() {
        runs.close();
        http.close();
        events.close();
        database.close();
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
