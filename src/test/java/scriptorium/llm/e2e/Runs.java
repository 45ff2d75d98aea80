package scriptorium.llm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.FakeOpenAiServer;
import scriptorium.llm.fake.FakeProviderServer;

/** Settings and readings shared by the end-to-end tests against the fake providers. */
final class Runs {

    static final ObjectMapper JSON = new ObjectMapper();

    private Runs() {}

    static Map<String, String> anthropic(FakeAnthropicServer fake) {
        return Map.of("ANTHROPIC_API_KEY", FakeProviderServer.KEY, "ANTHROPIC_BASE_URL", fake.baseUrl(),
                "MODEL_RETRY_BASE_MS", "10", "MODEL_FIRST_TOKEN_TIMEOUT_SECONDS", "1");
    }

    static Map<String, String> openAi(FakeOpenAiServer fake) {
        return Map.of("OPENAI_API_KEY", FakeProviderServer.KEY, "OPENAI_BASE_URL", fake.baseUrl(),
                "MODEL_RETRY_BASE_MS", "10", "MODEL_FIRST_TOKEN_TIMEOUT_SECONDS", "1");
    }

    static String body(String message) {
        return JSON.createObjectNode().put("message", message).toString();
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    static List<JsonNode> of(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    static List<JsonNode> where(List<JsonNode> events, Predicate<JsonNode> test) {
        return events.stream().filter(test).toList();
    }

    /** The concatenated deltas of one message. */
    static String deltasOf(List<JsonNode> events, String messageId) {
        var text = new StringBuilder();
        for (JsonNode delta : of(events, "agent_delta")) {
            if (delta.path("message_id").asText().equals(messageId)) {
                text.append(delta.path("delta").asText());
            }
        }
        return text.toString();
    }

    static long field(JsonNode usage, String name) {
        return usage.path(name).asLong();
    }

    /** What the agent_message events billed, field by field: must equal the run's total (counted once). */
    static long sumOfMessages(List<JsonNode> events, String name) {
        return of(events, "agent_message").stream().mapToLong(m -> m.path("usage").path(name).asLong()).sum();
    }
}
