package scriptorium.llm.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.llm.e2e.Runs.body;
import static scriptorium.llm.e2e.Runs.deltasOf;
import static scriptorium.llm.e2e.Runs.of;
import static scriptorium.llm.e2e.Runs.sumOfMessages;
import static scriptorium.llm.e2e.Runs.types;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.RecordedRequest;
import scriptorium.llm.fake.Scripted;
import scriptorium.testing.TestServer;

/** Runs through the real server against the fake Anthropic server: streaming, usage, cost, caching. */
@Timeout(30)
class AnthropicEndToEndTest {

    private final FakeAnthropicServer fake = FakeAnthropicServer.start();
    private final TestServer server = TestServer.start(Runs.anthropic(fake));

    @AfterEach
    void close() {
        server.close();
        fake.close();
    }

    @Test
    void aSoloRunStreamsClaudesTokensAsTheyComeAndCompletesWithUsageCostAndModel() throws Exception {
        fake.enqueue(Scripted.Reply.text("Le chat ", "dort ", "sur le clavier."));

        List<JsonNode> events = server.stream(CHAT_STREAM, body("Plume, reformule : le chat dort sur le clavier."))
                .readToEnd();

        assertThat(types(events)).containsExactly("start", "routing", "processing", "agent_delta", "agent_delta",
                "agent_delta", "agent_message", "processing", "complete");
        JsonNode message = of(events, "agent_message").getFirst();
        assertThat(message.path("agent").asText()).isEqualTo("plume");
        assertThat(deltasOf(events, message.path("message_id").asText())).isEqualTo("Le chat dort sur le clavier.")
                .isEqualTo(message.path("content").asText());
        JsonNode result = events.getLast().path("result");
        assertThat(result.path("model").asText()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(result.path("usage")).isEqualTo(message.path("usage"));
        JsonNode usage = result.path("usage");
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(8); // 2 + 2 + 4 tokens of the fake's tokenizer
        assertThat(usage.path("cache_creation_input_tokens").asLong()).isPositive();
        long total = usage.path("input_tokens").asLong() + usage.path("output_tokens").asLong()
                + usage.path("cache_read_input_tokens").asLong() + usage.path("cache_creation_input_tokens").asLong();
        assertThat(result.path("tokens_used").asLong()).isEqualTo(total);
        double cost = (usage.path("input_tokens").asLong() * 3.0 + usage.path("output_tokens").asLong() * 15.0
                + usage.path("cache_read_input_tokens").asLong() * 0.30
                + usage.path("cache_creation_input_tokens").asLong() * 3.75) / 1e6;
        assertThat(result.path("cost_usd").asDouble()).isCloseTo(cost, org.assertj.core.data.Offset.offset(1e-9));

        RecordedRequest request = fake.takeRequest();
        JsonNode sent = request.body();
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("system").get(0).path("text").asText()).isNotBlank();
        assertThat(sent.path("system").get(0).has("cache_control")).isTrue();
        JsonNode last = sent.path("messages").get(sent.path("messages").size() - 1);
        assertThat(last.path("content").get(0).path("text").asText())
                .isEqualTo("Plume, reformule : le chat dort sur le clavier.");
        assertThat(last.path("content").get(0).has("cache_control")).isTrue();
    }

    @Test
    void aDiscussionStreamsEveryTurnOfBothAgentsAndReadsTheGrowingPrefixFromCache() throws Exception {
        List<JsonNode> events = server.stream(CHAT_STREAM, body("Plume et Mimir, comparez ces deux idées."))
                .readToEnd();

        List<JsonNode> messages = of(events, "agent_message");
        assertThat(messages).extracting(m -> m.path("agent").asText())
                .containsExactly("plume", "mimir", "plume", "mimir", "plume");
        for (JsonNode message : messages) {
            assertThat(deltasOf(events, message.path("message_id").asText()))
                    .isEqualTo(message.path("content").asText()).isEqualTo("Hello world");
        }
        JsonNode usage = events.getLast().path("result").path("usage");
        for (String field : List.of("input_tokens", "output_tokens", "cache_read_input_tokens",
                "cache_creation_input_tokens")) {
            assertThat(usage.path(field).asLong()).as(field).isEqualTo(sumOfMessages(events, field));
        }
        assertThat(usage.path("cache_read_input_tokens").asLong()).isPositive();

        // Mimir's second turn (request 4) sees Plume's turns as named user turns, merged with the user's message
        // as separate blocks, and its own turn as an assistant turn.
        for (int i = 0; i < 3; i++) {
            fake.takeRequest();
        }
        JsonNode mimirAgain = fake.takeRequest().body().path("messages");
        assertThat(mimirAgain).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant", "user");
        assertThat(mimirAgain.get(0).path("content")).extracting(b -> b.path("text").asText())
                .containsExactly("Plume et Mimir, comparez ces deux idées.", "Plume: Hello world");
        assertThat(mimirAgain.get(2).path("content").get(0).path("text").asText()).isEqualTo("Plume: Hello world");
    }

    @Test
    void theNextMessageOfAConversationReadsItsBeginningFromCache() {
        List<JsonNode> first = server.stream(CHAT_STREAM, body("Plume, note : le chat dort sur le clavier."))
                .readToEnd();
        String session = first.getFirst().path("session_id").asText();

        List<JsonNode> next = server.stream(CHAT_STREAM, Runs.JSON.createObjectNode()
                .put("message", "Plume, ajoute : il ronronne.").put("session_id", session).toString()).readToEnd();

        assertThat(first.getLast().path("result").path("usage").path("cache_read_input_tokens").asLong()).isZero();
        assertThat(next.getLast().path("result").path("usage").path("cache_read_input_tokens").asLong())
                .isGreaterThanOrEqualTo(first.getLast().path("result").path("usage")
                        .path("cache_creation_input_tokens").asLong());
    }

    @Test
    void healthNamesTheActiveModelButNeverTheKey() throws Exception {
        String health = server.get("/health").body();
        assertThat(health).contains("anthropic", "claude-sonnet-4-5").doesNotContain(FakeAnthropicServer.KEY);
    }
}
