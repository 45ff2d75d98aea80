package scriptorium.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static scriptorium.llm.ModelFixtures.FAST;
import static scriptorium.llm.ModelFixtures.SEARCH;
import static scriptorium.llm.ModelFixtures.ask;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.llm.Agent;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.EventRecorder;
import scriptorium.llm.ModelFixtures;
import scriptorium.llm.ModelReply;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.Pricing;
import scriptorium.llm.ToolCall;
import scriptorium.llm.Usage;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.RecordedRequest;
import scriptorium.llm.fake.Scripted;

@Timeout(20)
class AnthropicModelTest {

    private final FakeAnthropicServer fake = FakeAnthropicServer.start();
    private final AnthropicModel model = new AnthropicModel(ModelFixtures.anthropic(fake, FAST, true), Pricing.load());

    @AfterEach
    void close() {
        model.close();
        fake.close();
    }

    @Test
    void textArrivesAsDeltasInOrderAndTheReplyIsTheirConcatenation() {
        fake.enqueue(Scripted.Reply.text("Le chat ", "dort ", "sur le clavier."));
        var sink = new EventRecorder();

        ModelReply reply = model.call(ask(Agent.PLUME, "Reformule : le chat dort."), sink);

        assertThat(sink.deltas()).containsExactly("Le chat ", "dort ", "sur le clavier.");
        assertThat(reply.text()).isEqualTo("Le chat dort sur le clavier.");
        assertThat(reply.toolCalls()).isEmpty();
        assertThat(reply.model()).isEqualTo("anthropic/claude-sonnet-4-5");
    }

    @Test
    void theRequestCarriesModelSettingsSystemToolsAndStreamTrueWithTheKeyHeader() throws Exception {
        var request = new ModelRequest(Agent.MIMIR, ModelRequest.Task.ANSWER, "You are Mimir.",
                List.of(new ChatMessage.User("Que sais-je des chats ?")), List.of(SEARCH), "Que sais-je des chats ?");

        model.call(request, new EventRecorder());

        RecordedRequest received = fake.takeRequest();
        JsonNode body = received.body();
        assertThat(received.path()).isEqualTo("/v1/messages");
        assertThat(received.header("x-api-key")).isEqualTo(FakeAnthropicServer.KEY);
        assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(body.path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("system").get(0).path("text").asText()).isEqualTo("You are Mimir.");
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("name").asText()).isEqualTo("search_knowledge");
        assertThat(tool.path("input_schema").path("required").get(0).asText()).isEqualTo("query");
        assertThat(body.path("messages").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("Que sais-je des chats ?");
    }

    @Test
    void peerTurnsNameTheSpeakerAndConsecutiveUserTurnsMergeIntoSeparateBlocks() throws Exception {
        var request = new ModelRequest(Agent.PLUME, ModelRequest.Task.DISCUSS, "You are Plume.", List.of(
                new ChatMessage.User("Comparez les deux notes."),
                new ChatMessage.Assistant("Je propose un plan."),
                new ChatMessage.Peer(Agent.MIMIR, "J'ai trouvé deux notes."),
                new ChatMessage.User("Continuez.")), List.of(), "Comparez les deux notes.");

        model.call(request, new EventRecorder());

        JsonNode messages = fake.takeRequest().body().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).path("content").get(0).path("text").asText()).isEqualTo("Je propose un plan.");
        JsonNode merged = messages.get(2);
        assertThat(merged.path("role").asText()).isEqualTo("user");
        assertThat(merged.path("content").get(0).path("text").asText()).isEqualTo("Mimir: J'ai trouvé deux notes.");
        assertThat(merged.path("content").get(1).path("text").asText()).isEqualTo("Continuez.");
    }

    @Test
    void cacheBreakpointsSitOnTheSystemPromptAndTheLastBlockOnly() throws Exception {
        var request = new ModelRequest(Agent.PLUME, ModelRequest.Task.DISCUSS, "You are Plume.", List.of(
                new ChatMessage.User("Question"), new ChatMessage.Assistant("Réponse"),
                new ChatMessage.Peer(Agent.MIMIR, "Objection")), List.of(SEARCH), "Question");

        model.call(request, new EventRecorder());

        JsonNode body = fake.takeRequest().body();
        assertThat(body.path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        JsonNode last = body.path("messages").get(2).path("content").get(0);
        assertThat(last.path("cache_control").path("type").asText()).isEqualTo("ephemeral");
        assertThat(body.toString().split("cache_control", -1)).hasSize(3); // exactly two breakpoints
    }

    @Test
    void aCallWhoseConversationNoLaterCallReadsCachesItsSystemPromptOnly() throws Exception {
        var request = new ModelRequest(Agent.PLUME, ModelRequest.Task.SYNTHESIZE, "You are Plume. Synthesize.", List.of(
                new ChatMessage.User("Question"), new ChatMessage.Assistant("Réponse")), List.of(), "Question", false);

        model.call(request, new EventRecorder());

        JsonNode body = fake.takeRequest().body();
        assertThat(body.path("system").get(0).has("cache_control")).isTrue();
        assertThat(body.path("messages").toString()).doesNotContain("cache_control");
    }

    @Test
    void withCachingOffNoBreakpointIsSent() throws Exception {
        try (var uncached = new AnthropicModel(ModelFixtures.anthropic(fake, FAST, false), Pricing.load())) {
            uncached.call(ask(Agent.PLUME, "Bonjour"), new EventRecorder());
        }
        assertThat(fake.takeRequest().body().toString()).doesNotContain("cache_control");
    }

    @Test
    void aToolUseBlockBecomesAToolCallAndGoesBackWithItsResult() throws Exception {
        fake.enqueue(Scripted.Reply.tool("toolu_01", "search_knowledge", "{\"query\":\"chats\"}"),
                Scripted.Reply.text("Deux notes parlent de chats."));
        var question = new ChatMessage.User("Que sais-je des chats ?");
        var first = new ModelRequest(Agent.MIMIR, ModelRequest.Task.ANSWER, "You are Mimir.", List.of(question),
                List.of(SEARCH), question.text());

        ModelReply asked = model.call(first, new EventRecorder());

        assertThat(asked.toolCalls()).containsExactly(new ToolCall("toolu_01", "search_knowledge", "{\"query\":\"chats\"}"));
        var second = new ModelRequest(Agent.MIMIR, ModelRequest.Task.ANSWER, "You are Mimir.", List.of(question,
                new ChatMessage.Assistant(asked.text(), asked.toolCalls()),
                new ChatMessage.ToolResult("toolu_01", "search_knowledge", "2 notes", false)),
                List.of(SEARCH), question.text());
        ModelReply answered = model.call(second, new EventRecorder());

        assertThat(answered.text()).isEqualTo("Deux notes parlent de chats.");
        fake.takeRequest();
        JsonNode messages = fake.takeRequest().body().path("messages");
        JsonNode use = messages.get(1).path("content").get(0);
        assertThat(use.path("type").asText()).isEqualTo("tool_use");
        assertThat(use.path("input").path("query").asText()).isEqualTo("chats");
        JsonNode result = messages.get(2).path("content").get(0);
        assertThat(result.path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_01");
        assertThat(result.path("content").asText()).isEqualTo("2 notes");
    }

    @Test
    void usageCountsInputCacheAndOutputTokensOnceAndTheCostFollowsThePriceTable() {
        ModelRequest request = ask(Agent.PLUME, "Résume ceci, s'il te plaît, en une phrase.");

        ModelReply first = model.call(request, new EventRecorder());
        ModelReply again = model.call(request, new EventRecorder());

        // The fake repeats input and cache counts in message_delta: adding them up would double them.
        Usage written = first.usage();
        assertThat(written.inputTokens()).isZero();
        assertThat(written.cacheCreationInputTokens()).isPositive();
        assertThat(written.cacheReadInputTokens()).isZero();
        assertThat(written.outputTokens()).isEqualTo(4); // "Hello" + " world": 2 + 2 tokens (a quarter of the characters)
        Usage read = again.usage();
        assertThat(read.cacheReadInputTokens()).isEqualTo(written.cacheCreationInputTokens());
        assertThat(read.cacheCreationInputTokens()).isZero();
        double expected = (written.cacheCreationInputTokens() * 3.75 + 4 * 15.0) / 1_000_000;
        assertThat(first.costUsd()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(again.costUsd()).isLessThan(first.costUsd());
    }

    @Test
    void theNextTurnReadsTheConversationSoFarFromCache() {
        var history = new java.util.ArrayList<ChatMessage>(List.of(new ChatMessage.User("Comparez A et B.")));
        ModelReply turn1 = model.call(new ModelRequest(Agent.PLUME, ModelRequest.Task.DISCUSS, "You are Plume.",
                history, List.of(), "Comparez A et B."), new EventRecorder());
        history.add(new ChatMessage.Assistant(turn1.text()));
        history.add(new ChatMessage.Peer(Agent.MIMIR, "A est plus ancien que B."));

        ModelReply turn3 = model.call(new ModelRequest(Agent.PLUME, ModelRequest.Task.DISCUSS, "You are Plume.",
                history, List.of(), "Comparez A et B."), new EventRecorder());

        assertThat(turn3.usage().cacheReadInputTokens()).isEqualTo(turn1.usage().cacheCreationInputTokens());
        assertThat(turn3.usage().inputTokens()).isZero();
    }
}
