package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.http.StreamingProtocolTest.body;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scriptorium.llm.ChatModel;
import scriptorium.llm.ModelEvent;
import scriptorium.llm.ModelException;
import scriptorium.testing.TestServer;

/** PROTOCOL §4.1: whatever fails, exactly one terminal event, then [DONE]. */
class FailuresTest {

    @Test
    void aNodeThatThrowsMidMessageEndsTheRunWithErrorNamingTheNodeThenDone() {
        ChatModel broken = (request, sink) -> {
            sink.accept(new ModelEvent.TextDelta("Je commence"));
            throw new IllegalStateException("a bug in a node");
        };
        try (var server = TestServer.start(Map.of(), broken)) {
            List<JsonNode> events = server.stream(CHAT_STREAM, body("Mimir, cherche Java", "auto")).readToEnd();
            assertThat(events).extracting(e -> e.path("type").asText())
                    .containsExactly("start", "routing", "processing", "agent_delta", "error");
            JsonNode error = events.getLast();
            assertThat(error.path("code").asText()).isEqualTo("internal");
            assertThat(error.path("node").asText()).isEqualTo("mimir");
            assertThat(error.path("retryable").asBoolean()).isFalse();
            assertThat(error.path("error").asText()).doesNotContain("at scriptorium.");
        }
    }

    @Test
    void aModelFailureEndsTheRunWithItsCodeAndRetryability() throws Exception {
        ChatModel overloaded = (request, sink) -> {
            throw new ModelException(ModelException.Kind.OVERLOADED, "the model is overloaded");
        };
        try (var server = TestServer.start(Map.of(), overloaded)) {
            List<JsonNode> events = server.stream(CHAT_STREAM, body("Plume et Mimir, discutez", "auto")).readToEnd();
            JsonNode error = events.getLast();
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("model_overloaded");
            assertThat(error.path("node").asText()).isEqualTo("discussion");
            assertThat(error.path("retryable").asBoolean()).isTrue();
            var plain = server.post("/api/v1/chat/orchestrated", body("Plume, note ceci", "auto"));
            assertThat(plain.statusCode()).isEqualTo(503);
            assertThat(plain.body()).contains("\"code\":\"model_overloaded\"");
            String runId = events.getFirst().path("run_id").asText();
            assertThat(server.get("/api/v1/runs/" + runId).body()).contains("\"status\":\"failed\"");
        }
    }

    @Test
    void anErrorThatIsNotAnExceptionStillEndsTheRunWithOneTerminalEvent() {
        ChatModel crashing = (request, sink) -> {
            throw new StackOverflowError("a bug deep down");
        };
        try (var server = TestServer.start(Map.of(), crashing)) {
            for (int run = 0; run < 2; run++) { // the server goes on serving after it
                List<JsonNode> events = server.stream(CHAT_STREAM, body("Plume, note ceci", "auto")).readToEnd();
                assertThat(events).extracting(e -> e.path("type").asText())
                        .containsExactly("start", "routing", "processing", "error");
                assertThat(events.getLast().path("code").asText()).isEqualTo("internal");
                assertThat(events.getLast().path("error").asText()).contains("StackOverflowError");
            }
        }
    }

    @Test
    void duringShutdownNewRunsGet503WhileLiveRunsFinishWithTheirTerminalEvent() throws Exception {
        var server = TestServer.start(Map.of("OFFLINE_CHUNK_DELAY_MS", "20", "SHUTDOWN_GRACE_SECONDS", "20"));
        var live = server.stream(CHAT_STREAM, body("Plume et Mimir, comparez Java et Python.", "auto"));
        live.assertNext("start");
        try (var stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            var stopped = stopping.submit(server::stop);
            HttpResponse<String> refused = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) { // the stop begins on another thread: ask until it has
                refused = server.post("/api/v1/chat/orchestrated", body("Plume, note : trop tard", "auto"));
                if (refused.statusCode() == 503) {
                    break;
                }
            }
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("\"code\":\"shutting_down\"");
            List<JsonNode> events = live.readToEnd();
            assertThat(events.getLast().path("type").asText()).isEqualTo("complete");
            stopped.get(30, TimeUnit.SECONDS);
        }
    }
}
