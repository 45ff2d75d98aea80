package scriptorium.llm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.agent.Persona;
import scriptorium.agent.Prompts;
import scriptorium.agent.Team;
import scriptorium.agent.Tool;
import scriptorium.agent.ToolLoop;
import scriptorium.agent.ToolOutcome;
import scriptorium.config.Settings;
import scriptorium.llm.ChatModel;
import scriptorium.llm.ModelFixtures;
import scriptorium.llm.Pricing;
import scriptorium.llm.RetryingModel;
import scriptorium.llm.ToolSpec;
import scriptorium.llm.anthropic.AnthropicModel;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.FakeOpenAiServer;
import scriptorium.llm.fake.Scripted;
import scriptorium.llm.openai.OpenAiCompatibleModel;
import scriptorium.orchestrator.Orchestrator;
import scriptorium.orchestrator.Router;
import scriptorium.llm.Agent;
import scriptorium.events.MemoryEventLog;
import scriptorium.events.Mode;
import scriptorium.agent.ToolContext;
import scriptorium.events.RunEvent;
import scriptorium.run.RunRequest;
import scriptorium.run.RunService;
import scriptorium.events.Sequenced;
import scriptorium.store.ConversationStore;
import scriptorium.store.Database;
import scriptorium.store.RunStore;

/**
 * A tool call round trip through the real run core (router, team, tool loop, event log) with each provider's
 * adapter. Wired here rather than through {@code App} because the agents' knowledge tools (issue 3) are not in
 * {@code App} yet: Mimir gets a small archive tool of this test instead.
 */
@Timeout(30)
class ToolRoundTripTest {

    /** A stand-in for issue 3's search: two fixed notes. */
    private static final class Archive implements Tool {
        @Override
        public ToolSpec spec() {
            return ModelFixtures.SEARCH;
        }

        @Override
        public String announce(Map<String, Object> arguments) {
            return "Searching the archive for " + arguments.get("query") + ".";
        }

        @Override
        public ToolOutcome run(Map<String, Object> arguments, ToolContext context) {
            return new ToolOutcome("[n-1] Le chat dort. [n-2] Le chat ronronne.", "2 notes found", Map.of("hits", 2));
        }
    }

    @Test
    void mimirCallsAToolThroughClaudeAndAnswersWithItsResult() throws Exception {
        try (var fake = FakeAnthropicServer.start();
             var adapter = new AnthropicModel(ModelFixtures.anthropic(fake, ModelFixtures.FAST, true), Pricing.load())) {
            fake.enqueue(Scripted.Reply.tool("toolu_01", "search_knowledge", "{\"query\":\"chats\"}"),
                    Scripted.Reply.text("Deux notes : ", "le chat dort et ronronne [n-1][n-2]."));

            List<RunEvent> events = run(new RetryingModel(adapter, ModelFixtures.FAST));

            assertRoundTrip(events);
            JsonNode first = fake.takeRequest().body();
            assertThat(first.path("tools").get(0).path("name").asText()).isEqualTo("search_knowledge");
            JsonNode messages = fake.takeRequest().body().path("messages");
            JsonNode result = messages.get(messages.size() - 1).path("content").get(0);
            assertThat(result.path("type").asText()).isEqualTo("tool_result");
            assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_01");
            assertThat(result.path("content").asText()).contains("Le chat ronronne");
        }
    }

    @Test
    void mimirCallsAToolThroughAnOpenAiCompatibleServerAndAnswersWithItsResult() throws Exception {
        try (var fake = FakeOpenAiServer.start();
             var adapter = new OpenAiCompatibleModel(ModelFixtures.openAi(fake, ModelFixtures.FAST), Pricing.load())) {
            fake.enqueue(Scripted.Reply.tool("call_01", "search_knowledge", "{\"query\":\"chats\"}"),
                    Scripted.Reply.text("Deux notes : ", "le chat dort et ronronne [n-1][n-2]."));

            List<RunEvent> events = run(new RetryingModel(adapter, ModelFixtures.FAST));

            assertRoundTrip(events);
            fake.takeRequest();
            JsonNode messages = fake.takeRequest().body().path("messages");
            JsonNode result = messages.get(messages.size() - 1);
            assertThat(result.path("role").asText()).isEqualTo("tool");
            assertThat(result.path("tool_call_id").asText()).isEqualTo("call_01");
            assertThat(result.path("content").asText()).contains("Le chat ronronne");
        }
    }

    private static void assertRoundTrip(List<RunEvent> events) {
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Start", "Routed",
                "Processing", "AgentAction", "AgentAction", "AgentDelta", "AgentDelta", "AgentMessage", "Processing",
                "Completed");
        var running = (RunEvent.AgentAction) events.get(3);
        var completed = (RunEvent.AgentAction) events.get(4);
        assertThat(running.status()).isEqualTo(RunEvent.ActionStatus.RUNNING);
        assertThat(running.details()).isEqualTo("Searching the archive for chats.");
        assertThat(completed.status()).isEqualTo(RunEvent.ActionStatus.COMPLETED);
        assertThat(completed.callId()).isEqualTo(running.callId());
        var message = (RunEvent.AgentMessage) events.get(7);
        assertThat(message.agent()).isEqualTo(Agent.MIMIR);
        assertThat(message.content()).isEqualTo("Deux notes : le chat dort et ronronne [n-1][n-2].");
        // Both calls of the message are billed in it: the one that asked for the tool and the one that answered.
        assertThat(message.usage().outputTokens()).isGreaterThan(10);
    }

    /** Runs "Mimir, ..." through the run core with {@code model}, returning every event up to the terminal one. */
    private static List<RunEvent> run(ChatModel model) throws IOException, InterruptedException {
        Settings settings = Settings.from(Map.of("SCRIPTORIUM_DATA",
                Files.createTempDirectory("scriptorium-tools").toString()));
        var clock = Clock.systemUTC();
        try (var database = Database.open(settings.store());
             var log = new MemoryEventLog(settings.runs().retention(), new MemoryEventLog.Budget(1 << 20, 1 << 24), clock,
                     Duration.ofSeconds(30))) {
            var prompts = Prompts.load();
            var team = new Team(new ToolLoop(model, prompts, 4), new Persona(Agent.PLUME, List.of()),
                    new Persona(Agent.MIMIR, List.of(new Archive())), prompts, 4);
            try (var runs = new RunService(log, new Orchestrator(new Router(), team),
                    new ConversationStore(database.dataSource()), new RunStore(database.dataSource(), database.writes()),
                    settings.runs(), settings.store().limits().timeout(), new SimpleMeterRegistry(), clock)) {
                String runId = runs.start(new RunRequest("Mimir, que sais-je des chats ?", Mode.AUTO, null,
                        List.of(), scriptorium.store.UserStore.LOCAL_OWNER)).runId();
                List<RunEvent> events = new ArrayList<>();
                try (var follow = log.follow(runId, 0)) {
                    while (true) {
                        Optional<Sequenced> next = follow.poll(Duration.ofSeconds(10));
                        assertThat(next).as("an event after %s", events).isPresent();
                        events.add(next.get().event());
                        if (next.get().terminal()) {
                            return events;
                        }
                    }
                }
            }
        }
    }
}
