package scriptorium.llm;

import java.time.Duration;
import java.util.List;
import scriptorium.config.ModelSettings;
import scriptorium.config.ModelSettings.AgentModel;
import scriptorium.config.ModelSettings.ModelCalls;
import scriptorium.config.Secret;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.FakeOpenAiServer;
import scriptorium.llm.fake.FakeProviderServer;

/** Settings pointing adapters at the fakes, with timeouts short enough for tests. */
public final class ModelFixtures {

    public static final ModelCalls FAST = new ModelCalls(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(10), 3, Duration.ofMillis(20), Duration.ofSeconds(2));

    private ModelFixtures() {}

    public static ModelSettings.Anthropic anthropic(FakeAnthropicServer fake, ModelCalls calls, boolean caching) {
        return new ModelSettings.Anthropic(fake.baseUrl() + "/v1", new Secret(FakeProviderServer.KEY),
                new AgentModel("claude-sonnet-4-5", 0.3, 1024), new AgentModel("claude-haiku-4-5", 0.2, 512),
                calls, caching);
    }

    public static ModelSettings.OpenAiCompatible openAi(FakeOpenAiServer fake, ModelCalls calls) {
        return new ModelSettings.OpenAiCompatible(fake.baseUrl(), new Secret(FakeProviderServer.KEY),
                new AgentModel("gpt-4o-mini", 0.3, 1024), new AgentModel("gpt-4.1-mini", 0.2, 512), calls);
    }

    public static ModelCalls withFirstToken(Duration firstToken) {
        return new ModelCalls(FAST.connect(), firstToken, FAST.wholeMessage(), FAST.attempts(), FAST.retryBase(),
                FAST.retryMaxWait());
    }

    public static ModelRequest ask(String agent, String text) {
        return ask(Agent.parse(agent).orElseThrow(), text);
    }

    public static ModelRequest ask(Agent agent, String text) {
        return new ModelRequest(agent, ModelRequest.Task.ANSWER, "You are " + agent.displayName() + ".",
                List.of(new ChatMessage.User(text)), List.of(), text);
    }

    public static final ToolSpec SEARCH = new ToolSpec("search_knowledge", "Searches the user's notes.", """
            {"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""");
}
