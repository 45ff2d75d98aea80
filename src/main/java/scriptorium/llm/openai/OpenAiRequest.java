package scriptorium.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import scriptorium.config.ModelSettings.AgentModel;
import scriptorium.json.Jackson;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.ToolCall;
import scriptorium.llm.ToolSpec;

/**
 * A {@link ModelRequest} as a chat completions JSON body, streamed with {@code stream_options.include_usage} so the
 * last chunk carries the real usage.
 *
 * <p>{@code max_tokens} rather than {@code max_completion_tokens}: Ollama, llama.cpp and vLLM all read the former.
 * A {@link ChatMessage.Peer} becomes a user turn opening with the speaker's name; consecutive user turns are merged
 * as some local chat templates insist on alternating roles. OpenAI caches long prefixes on its own: nothing to mark.
 */
final class OpenAiRequest {

    private static final ObjectMapper JSON = Jackson.MAPPER;

    private OpenAiRequest() {}

    static ObjectNode body(ModelRequest request, AgentModel model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.model());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        body.put("temperature", model.temperature());
        body.put("max_tokens", model.maxTokens());
        ArrayNode messages = body.putArray("messages");
        if (!request.system().isBlank()) {
            message(messages, "system").put("content", request.system());
        }
        List<ChatMessage> history = request.messages().isEmpty()
                ? List.of(new ChatMessage.User(request.userMessage()))
                : request.messages();
        history.forEach(message -> add(messages, message));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec spec : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", spec.name());
                function.put("description", spec.description());
                function.set("parameters", schema(spec));
            }
        }
        return body;
    }

    private static void add(ArrayNode messages, ChatMessage message) {
        switch (message) {
            case ChatMessage.User user -> userTurn(messages, user.text());
            case ChatMessage.Peer peer -> userTurn(messages, peer.agent().displayName() + ": " + peer.text());
            case ChatMessage.Assistant assistant -> assistant(messages, assistant);
            case ChatMessage.ToolResult result -> {
                ObjectNode tool = message(messages, "tool");
                tool.put("tool_call_id", result.callId());
                tool.put("content", result.failed() ? "Error: " + result.content() : result.content());
            }
        }
    }

    private static void userTurn(ArrayNode messages, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && "user".equals(last.path("role").asText())) {
            ((ObjectNode) last).put("content", last.path("content").asText() + "\n\n" + text);
        } else {
            message(messages, "user").put("content", text);
        }
    }

    private static void assistant(ArrayNode messages, ChatMessage.Assistant assistant) {
        if (assistant.text().isBlank() && assistant.toolCalls().isEmpty()) {
            return;
        }
        ObjectNode message = message(messages, "assistant");
        message.put("content", assistant.text());
        if (!assistant.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : assistant.toolCalls()) {
                ObjectNode function = calls.addObject().put("id", call.callId()).put("type", "function")
                        .putObject("function");
                function.put("name", call.tool());
                function.put("arguments", call.argumentsJson()); // a JSON string, as the API wants it
            }
        }
    }

    private static ObjectNode message(ArrayNode messages, String role) {
        return messages.addObject().put("role", role);
    }


    private static JsonNode schema(ToolSpec spec) {
        try {
            return JSON.readTree(spec.parametersJsonSchema());
        } catch (JsonProcessingException e) {
            throw new ModelException(ModelException.Kind.BAD_REQUEST,
                    "the schema of tool " + spec.name() + " is not valid JSON", e);
        }
    }
}
