package scriptorium.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static scriptorium.llm.ModelFixtures.FAST;
import static scriptorium.llm.ModelFixtures.SEARCH;
import static scriptorium.llm.ModelFixtures.ask;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.config.ModelSettings;
import scriptorium.config.Secret;
import scriptorium.llm.Agent;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.EventRecorder;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;
import scriptorium.llm.ModelFixtures;
import scriptorium.llm.ModelReply;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.Pricing;
import scriptorium.llm.ToolCall;
import scriptorium.llm.fake.FakeOpenAiServer;
import scriptorium.llm.fake.RecordedRequest;
import scriptorium.llm.fake.Scripted;
import scriptorium.llm.fake.Scripted.Fault;

@Timeout(20)
class OpenAiCompatibleModelTest {

    private final FakeOpenAiServer fake = FakeOpenAiServer.start();
    private final OpenAiCompatibleModel model = new OpenAiCompatibleModel(ModelFixtures.openAi(fake, FAST), Pricing.load());

    @AfterEach
    void close() {
        model.close();
        fake.close();
    }

    @Test
    void textArrivesAsDeltasInOrderAndTheReplyIsTheirConcatenation() {
        fake.enqueue(Scripted.Reply.text("Le chat ", "dort."));
        var sink = new EventRecorder();

        ModelReply reply = model.call(ask(Agent.PLUME, "Reformule."), sink);

        assertThat(sink.deltas()).containsExactly("Le chat ", "dort.");
        assertThat(reply.text()).isEqualTo("Le chat dort.");
        assertThat(reply.model()).isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void theRequestCarriesModelSystemHistoryToolsStreamTrueAndAsksForUsage() throws Exception {
        var request = new ModelRequest(Agent.MIMIR, ModelRequest.Task.DISCUSS, "You are Mimir.", List.of(
                new ChatMessage.User("Comparez."), new ChatMessage.Peer(Agent.PLUME, "Voici mon brouillon."),
                new ChatMessage.Assistant("Je cherche.")), List.of(SEARCH), "Comparez.");

        model.call(request, new EventRecorder());

        RecordedRequest received = fake.takeRequest();
        JsonNode body = received.body();
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.header("authorization")).isEqualTo("Bearer " + FakeOpenAiServer.KEY);
        assertThat(body.path("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("Comparez.\n\nPlume: Voici mon brouillon.");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("assistant");
        JsonNode function = body.path("tools").get(0).path("function");
        assertThat(function.path("name").asText()).isEqualTo("search_knowledge");
        assertThat(function.path("parameters").path("type").asText()).isEqualTo("object");
    }

    @Test
    void toolCallDeltasAreReassembledAndTheResultGoesBackAsAToolMessage() throws Exception {
        fake.enqueue(Scripted.Reply.tool("call_1", "search_knowledge", "{\"query\":\"chats\"}"),
                Scripted.Reply.text("Deux notes."));
        var question = new ChatMessage.User("Que sais-je des chats ?");
        ModelReply asked = model.call(new ModelRequest(Agent.MIMIR, ModelRequest.Task.ANSWER, "You are Mimir.",
                List.of(question), List.of(SEARCH), question.text()), new EventRecorder());

        assertThat(asked.toolCalls()).containsExactly(new ToolCall("call_1", "search_knowledge", "{\"query\":\"chats\"}"));
        model.call(new ModelRequest(Agent.MIMIR, ModelRequest.Task.ANSWER, "You are Mimir.", List.of(question,
                new ChatMessage.Assistant("", asked.toolCalls()),
                new ChatMessage.ToolResult("call_1", "search_knowledge", "2 notes", false)), List.of(SEARCH),
                question.text()), new EventRecorder());

        fake.takeRequest();
        JsonNode messages = fake.takeRequest().body().path("messages");
        JsonNode call = messages.get(2).path("tool_calls").get(0);
        assertThat(call.path("id").asText()).isEqualTo("call_1");
        assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"query\":\"chats\"}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
    }

    @Test
    void usageComesFromTheLastChunkWithCachedTokensCountedOnceAndPricedAsCached() {
        ModelRequest request = ask(Agent.PLUME, "Résume ceci en une phrase, s'il te plaît.");
        ModelReply first = model.call(request, new EventRecorder());
        ModelReply again = model.call(request, new EventRecorder());

        assertThat(first.usage().inputTokens()).isPositive();
        assertThat(first.usage().cacheReadInputTokens()).isZero();
        assertThat(first.usage().outputTokens()).isEqualTo(4);
        long prompt = first.usage().inputTokens();
        assertThat(again.usage().cacheReadInputTokens()).isEqualTo(prompt);
        assertThat(again.usage().inputTokens()).isZero();
        assertThat(first.costUsd()).isCloseTo((prompt * 0.15 + 4 * 0.60) / 1e6, Offset.offset(1e-12));
        assertThat(again.costUsd()).isCloseTo((prompt * 0.075 + 4 * 0.60) / 1e6, Offset.offset(1e-12));
    }

    @Test
    void aServerWithoutKeyGetsNoAuthorizationHeader() throws Exception {
        var settings = ModelFixtures.openAi(fake, FAST);
        try (var local = new OpenAiCompatibleModel(new ModelSettings.OpenAiCompatible(settings.baseUrl(),
                new Secret(""), settings.plume(), settings.mimir(), FAST), Pricing.load())) {
            var e = catchThrowableOfType(ModelException.class, () -> local.call(ask(Agent.PLUME, "x"), new EventRecorder()));
            assertThat(e.kind()).isEqualTo(Kind.AUTH); // this fake wants a key; Ollama would not
            assertThat(e.getMessage()).contains("OPENAI_API_KEY");
        }
        assertThat(fake.takeRequest().header("authorization")).isNull();
    }

    @Test
    void statusesAreClassifiedWithRetryAfterKept() {
        fake.enqueue(new Scripted.Status(429, "rate_limit_exceeded", "2"), Scripted.Status.of(503, "overloaded"),
                Scripted.Status.of(400, "invalid_request_error"));
        var limited = catchThrowableOfType(ModelException.class, () -> model.call(ask(Agent.PLUME, "x"), new EventRecorder()));
        var down = catchThrowableOfType(ModelException.class, () -> model.call(ask(Agent.PLUME, "x"), new EventRecorder()));
        var bad = catchThrowableOfType(ModelException.class, () -> model.call(ask(Agent.PLUME, "x"), new EventRecorder()));
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(down.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(bad.kind()).isEqualTo(Kind.BAD_REQUEST);
    }

    @Test
    void aStreamCutMidReplyIsABrokenStreamAndAnErrorChunkIsClassified() {
        fake.enqueue(Scripted.Reply.text("Le ", "chat").with(new Fault.CutAfter(1)),
                Scripted.Reply.text("Le ").with(new Fault.ErrorEvent("server_error", 0)));
        var sink = new EventRecorder();
        var cut = catchThrowableOfType(ModelException.class, () -> model.call(ask(Agent.PLUME, "x"), sink));
        var error = catchThrowableOfType(ModelException.class, () -> model.call(ask(Agent.PLUME, "x"), new EventRecorder()));
        assertThat(cut.kind()).isEqualTo(Kind.BROKEN_STREAM);
        assertThat(sink.deltas()).containsExactly("Le ");
        assertThat(error.kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void noFirstTokenWithinTheDeadlineIsATimeout() {
        try (var impatient = new OpenAiCompatibleModel(
                ModelFixtures.openAi(fake, ModelFixtures.withFirstToken(Duration.ofMillis(300))), Pricing.load())) {
            fake.enqueue(Scripted.Reply.text("tard").with(new Fault.Stall(Duration.ofSeconds(5))));
            var e = catchThrowableOfType(ModelException.class, () -> impatient.call(ask(Agent.PLUME, "x"), new EventRecorder()));
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        }
    }

    @Test
    void anInterruptMidStreamCancelsAndTheServerSeesTheConnectionClose() throws Exception {
        fake.enqueue(Scripted.Reply.text("Le ", "reste").with(new Fault.Hang(1)));
        var sink = new EventRecorder();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ModelException> call = executor.submit(() -> catchThrowableOfType(ModelException.class,
                    () -> model.call(ask(Agent.PLUME, "x"), sink)));
            assertThat(sink.awaitFirstDelta()).isTrue();
            call.cancel(true);
            assertThat(fake.awaitDisconnect(Duration.ofSeconds(2))).isTrue();
        }
    }
}
