package scriptorium.llm.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.llm.e2e.Runs.body;
import static scriptorium.llm.e2e.Runs.deltasOf;
import static scriptorium.llm.e2e.Runs.of;
import static scriptorium.llm.e2e.Runs.sumOfMessages;
import static scriptorium.llm.e2e.Runs.types;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.llm.fake.FakeOpenAiServer;
import scriptorium.llm.fake.Scripted;
import scriptorium.llm.fake.Scripted.Fault;
import scriptorium.testing.SseRecorder;
import scriptorium.testing.TestServer;

/** Runs through the real server against the fake OpenAI-compatible server. */
@Timeout(30)
class OpenAiEndToEndTest {

    private final FakeOpenAiServer fake = FakeOpenAiServer.start();
    private final TestServer server = TestServer.start(Runs.openAi(fake));

    @AfterEach
    void close() {
        server.close();
        fake.close();
    }

    @Test
    void aSoloRunStreamsTokensAndCompletesWithTheUsageOfTheLastChunk() throws Exception {
        fake.enqueue(Scripted.Reply.text("Deux notes ", "parlent de chats."));

        List<JsonNode> events = server.stream(CHAT_STREAM, body("Mimir, que sais-je des chats ?")).readToEnd();

        assertThat(types(events)).containsExactly("start", "routing", "processing", "agent_delta", "agent_delta",
                "agent_message", "processing", "complete");
        JsonNode message = of(events, "agent_message").getFirst();
        assertThat(message.path("agent").asText()).isEqualTo("mimir");
        assertThat(deltasOf(events, message.path("message_id").asText())).isEqualTo("Deux notes parlent de chats.");
        JsonNode result = events.getLast().path("result");
        assertThat(result.path("model").asText()).isEqualTo("openai/gpt-4o-mini");
        assertThat(result.path("usage").path("input_tokens").asLong()).isPositive();
        assertThat(result.path("usage").path("output_tokens").asLong()).isEqualTo(8);
        assertThat(result.path("cost_usd").asDouble()).isPositive();

        JsonNode sent = fake.takeRequest().body();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("Mimir, que sais-je des chats ?");
    }

    @Test
    void aDiscussionStreamsEveryTurnAndCountsCachedTokensOnce() {
        List<JsonNode> events = server.stream(CHAT_STREAM, body("Plume et Mimir, comparez ces deux idées."))
                .readToEnd();

        List<JsonNode> messages = of(events, "agent_message");
        assertThat(messages).extracting(m -> m.path("agent").asText())
                .containsExactly("plume", "mimir", "plume", "mimir", "plume");
        for (JsonNode message : messages) {
            assertThat(deltasOf(events, message.path("message_id").asText())).isEqualTo("Hello world");
        }
        JsonNode usage = events.getLast().path("result").path("usage");
        for (String field : List.of("input_tokens", "output_tokens", "cache_read_input_tokens")) {
            assertThat(usage.path(field).asLong()).as(field).isEqualTo(sumOfMessages(events, field));
        }
        assertThat(usage.path("cache_read_input_tokens").asLong()).isPositive();
    }

    @Test
    void aRateLimitIsRetriedWithAWarningThenAnInvalidKeyFailsAtOnce() {
        fake.enqueue(new Scripted.Status(429, "rate_limit_exceeded", "0.1"), Scripted.Reply.text("ok"));

        List<JsonNode> events = server.stream(CHAT_STREAM, body("Plume, note ceci.")).readToEnd();

        assertThat(types(events)).containsExactly("start", "routing", "processing", "warning", "agent_delta",
                "agent_message", "processing", "complete");
        try (var wrongKey = TestServer.start(java.util.Map.of("OPENAI_API_KEY", "sk-wrong",
                "OPENAI_BASE_URL", fake.baseUrl()))) {
            JsonNode error = wrongKey.stream(CHAT_STREAM, body("Plume, note ceci.")).readToEnd().getLast();
            assertThat(error.path("code").asText()).isEqualTo("auth_failed");
            assertThat(error.path("retryable").asBoolean()).isFalse();
            assertThat(error.path("error").asText()).contains("OPENAI_API_KEY").doesNotContain("sk-wrong");
        }
    }

    @Test
    void aStreamCutAfterTheFirstTokenEndsWithError() {
        fake.enqueue(Scripted.Reply.text("Le ", "reste").with(new Fault.CutAfter(1)));

        List<JsonNode> events = server.stream(CHAT_STREAM, body("Plume, note ceci.")).readToEnd();

        assertThat(types(events)).containsExactly("start", "routing", "processing", "agent_delta", "error");
        assertThat(events.getLast().path("code").asText()).isEqualTo("model_unavailable");
    }

    @Test
    void cancellingTheRunClosesTheStreamToTheServer() throws Exception {
        fake.enqueue(Scripted.Reply.text("Le ", "reste").with(new Fault.Hang(1)));
        SseRecorder stream = server.stream(CHAT_STREAM, body("Plume, note ceci."));
        String runId = stream.assertNext("start").path("run_id").asText();
        stream.assertNext("routing");
        stream.assertNext("processing");
        stream.assertNext("agent_delta");

        server.post("/api/v1/runs/" + runId + "/cancel", "{}");

        assertThat(fake.awaitDisconnect(Duration.ofSeconds(3))).isTrue();
        assertThat(stream.readToEnd().getLast().path("type").asText()).isEqualTo("cancelled");
    }
}
