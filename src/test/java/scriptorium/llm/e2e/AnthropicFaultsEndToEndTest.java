package scriptorium.llm.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.llm.e2e.Runs.body;
import static scriptorium.llm.e2e.Runs.of;
import static scriptorium.llm.e2e.Runs.types;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.Scripted;
import scriptorium.llm.fake.Scripted.Fault;
import scriptorium.testing.SseRecorder;
import scriptorium.testing.TestServer;

/** What a client sees of each provider fault (issue 4, Faults): warnings per retry, then the right terminal event. */
@Timeout(30)
class AnthropicFaultsEndToEndTest {

    private final FakeAnthropicServer fake = FakeAnthropicServer.start();
    private final TestServer server = TestServer.start(Runs.anthropic(fake));

    @AfterEach
    void close() {
        server.close();
        fake.close();
    }

    private List<JsonNode> plume() {
        return server.stream(CHAT_STREAM, body("Plume, reformule : le chat dort.")).readToEnd();
    }

    @Test
    void anOverloadBeforeTheFirstTokenIsRetriedWithAWarningEachTimeAndTheRunCompletes() {
        fake.enqueue(Scripted.Status.of(529, "overloaded_error"), Scripted.Status.of(529, "overloaded_error"),
                Scripted.Reply.text("Le chat dort."));

        List<JsonNode> events = plume();

        assertThat(types(events)).containsExactly("start", "routing", "processing", "warning", "warning",
                "agent_delta", "agent_message", "processing", "complete");
        assertThat(of(events, "warning")).allSatisfy(w -> {
            assertThat(w.path("code").asText()).isEqualTo("model_retry");
            assertThat(w.path("message").asText()).contains("model_overloaded");
        });
        assertThat(events.getLast().path("result").path("warnings")).hasSize(2);
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void afterThreeOverloadsTheRunEndsWithARetryableModelOverloadedError() {
        fake.enqueue(Scripted.Status.of(529, "overloaded_error"), Scripted.Status.of(529, "overloaded_error"),
                Scripted.Status.of(529, "overloaded_error"));

        List<JsonNode> events = plume();

        assertThat(types(events)).containsExactly("start", "routing", "processing", "warning", "warning", "error");
        JsonNode error = events.getLast();
        assertThat(error.path("code").asText()).isEqualTo("model_overloaded");
        assertThat(error.path("retryable").asBoolean()).isTrue();
        assertThat(error.path("node").asText()).isEqualTo("plume");
    }

    @Test
    void aRateLimitWaitsWhatRetryAfterSays() {
        fake.enqueue(new Scripted.Status(429, "rate_limit_error", "0.3"), Scripted.Reply.text("ok"));

        List<JsonNode> events = plume();

        assertThat(of(events, "warning").getFirst().path("message").asText()).contains("rate_limited", "300 ms");
        assertThat(events.getLast().path("type").asText()).isEqualTo("complete");
    }

    @Test
    void serverErrorsEveryTimeEndWithModelUnavailable() {
        fake.enqueue(Scripted.Status.of(500, "api_error"), Scripted.Status.of(502, "api_error"),
                Scripted.Status.of(503, "api_error"));

        JsonNode error = plume().getLast();

        assertThat(error.path("code").asText()).isEqualTo("model_unavailable");
        assertThat(error.path("retryable").asBoolean()).isTrue();
    }

    @Test
    void anInvalidKeyIsAuthFailedAtOnceWithoutRetryAndWithoutTheKey() {
        try (var wrongKey = TestServer.start(java.util.Map.of("ANTHROPIC_API_KEY", "sk-ant-invalid",
                "ANTHROPIC_BASE_URL", fake.baseUrl()))) {
            List<JsonNode> events = wrongKey.stream(CHAT_STREAM, body("Plume, note ceci.")).readToEnd();

            assertThat(types(events)).containsExactly("start", "routing", "processing", "error");
            JsonNode error = events.getLast();
            assertThat(error.path("code").asText()).isEqualTo("auth_failed");
            assertThat(error.path("retryable").asBoolean()).isFalse();
            assertThat(error.path("error").asText()).contains("ANTHROPIC_API_KEY").doesNotContain("sk-ant-invalid");
            assertThat(fake.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aSlowFirstTokenPastTheDeadlineIsRetriedThenEndsWithTimeout() {
        for (int attempt = 0; attempt < 3; attempt++) {
            fake.enqueue(Scripted.Reply.text("trop tard").with(new Fault.Stall(Duration.ofSeconds(4))));
        }

        List<JsonNode> events = plume();

        assertThat(types(events)).containsExactly("start", "routing", "processing", "warning", "warning", "error");
        assertThat(events.getLast().path("code").asText()).isEqualTo("timeout");
        assertThat(events.getLast().path("retryable").asBoolean()).isTrue();
    }

    @Test
    void aStreamCutAfterTheFirstTokenEndsWithErrorAndKeepsTheStreamedTextMarkedIncomplete() throws Exception {
        fake.enqueue(Scripted.Reply.text("Le chat ", "dort ", "encore.").with(new Fault.CutAfter(2)));

        List<JsonNode> events = plume();

        assertThat(types(events)).containsExactly("start", "routing", "processing", "agent_delta", "agent_delta",
                "error");
        assertThat(events.getLast().path("code").asText()).isEqualTo("model_unavailable");
        assertThat(fake.requestCount()).isEqualTo(1);
        String session = events.getFirst().path("session_id").asText();
        JsonNode stored = Runs.JSON.readTree(server.get("/api/v1/conversations/" + session).body()).path("messages");
        JsonNode kept = stored.get(stored.size() - 1);
        assertThat(kept.path("author").asText()).isEqualTo("plume");
        assertThat(kept.path("content").asText()).isEqualTo("Le chat dort ");
        assertThat(kept.path("incomplete").asBoolean()).isTrue();
    }

    @Test
    void cancellingTheRunClosesTheStreamToTheProvider() throws Exception {
        fake.enqueue(Scripted.Reply.text("Le chat ", "ne finit jamais").with(new Fault.Hang(1)));
        SseRecorder stream = server.stream(CHAT_STREAM, body("Plume, reformule : le chat dort."));
        JsonNode start = stream.assertNext("start");
        stream.assertNext("routing");
        stream.assertNext("processing");
        stream.assertNext("agent_delta");

        String runId = start.path("run_id").asText();
        assertThat(server.post("/api/v1/runs/" + runId + "/cancel", "{}").statusCode()).isEqualTo(202);

        assertThat(fake.awaitDisconnect(Duration.ofSeconds(3))).isTrue();
        List<JsonNode> rest = stream.readToEnd();
        assertThat(rest.getLast().path("type").asText()).isEqualTo("cancelled");
    }

    @Test
    void shuttingTheServerDownClosesTheStreamToTheProviderAndEndsTheRunCancelled() throws Exception {
        var own = TestServer.start(Runs.anthropic(fake)); // SHUTDOWN_GRACE_SECONDS=1: then live runs are cancelled
        fake.enqueue(Scripted.Reply.text("Le chat ", "ne finit jamais").with(new Fault.Hang(1)));
        SseRecorder stream = own.stream(CHAT_STREAM, body("Plume, reformule : le chat dort."));
        stream.assertNext("start");
        stream.assertNext("routing");
        stream.assertNext("processing");
        stream.assertNext("agent_delta");

        own.stop(); // live: the grace period, then the run is cancelled

        assertThat(fake.awaitDisconnect(Duration.ofSeconds(5))).isTrue();
        assertThat(stream.readToEnd().getLast().path("type").asText()).isEqualTo("cancelled");
    }
}
