package scriptorium.llm.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import scriptorium.config.ModelSettings.AgentModel;
import scriptorium.json.Jackson;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.ToolCall;
import scriptorium.llm.ToolSpec;
import scriptorium.llm.stream.ProviderHttp;

/**
 * A {@link ModelRequest} as the Messages API's JSON body.
 *
 * <p>Turns alternate (the API requires it): consecutive messages of one role become one message with several
 * content blocks, never one concatenated string, so that the blocks of turn N stay byte-identical in turn N+1 and
 * the cached prefix still matches. A {@link ChatMessage.Peer} is a user turn opening with the speaker's name.
 *
 * <p>Prompt caching: one breakpoint on the system prompt (the cache prefix runs tools, then system, so it covers
 * the tools too) and one on the last block of the last message. Each call thus writes the whole conversation so
 * far to the cache, and the next call (the next discussion turn, the next tool round, the next message of the
 * conversation) reads that prefix back and pays full price only for what is new. Two of the four allowed
 * breakpoints. A write costs 1.25x and a read 0.1x the input price, so a prefix nobody will read is not written:
 * the synthesis closes a discussion and its system prompt is its own, so no later call shares its conversation.
 */
final class AnthropicRequest {

    private static final ObjectMapper JSON = Jackson.MAPPER;

    private AnthropicRequest() {}

    /** The whole body as a tree. */
    static ObjectNode body(ModelRequest request, AgentModel model, boolean caching) {
        ObjectNode body = head(request, model, caching);
        body.set("messages", messages(request, caching));
        return body;
    }

    /**
     * The whole body as UTF-8 bytes, the same as {@link #body}'s written by Jackson: the part every call of an agent
     * shares (settings, system prompt, tools) comes from {@code heads}, only the messages are written now.
     */
    static byte[] bytes(ModelRequest request, AgentModel model, boolean caching, Heads heads) {
        byte[] head = heads.of(request, model, caching);
        byte[] messages = ProviderHttp.json(messages(request, caching));
        byte[] body = Arrays.copyOf(head, head.length + messages.length + 1);
        System.arraycopy(messages, 0, body, head.length, messages.length);
        body[body.length - 1] = '}';
        return body;
    }

    /**
     * The opening bytes of an agent's bodies, written once: its system prompt and tool schemas are the same on every
     * call (a discussion's turns, a tool loop's rounds) and were most of what each call parsed and wrote again.
     * Thread-safe; bounded, in case a caller's system prompt changed on every call.
     */
    static final class Heads {
        private static final int MOST = 64;

        private record Key(AgentModel model, String system, List<ToolSpec> tools, boolean caching) {}

        private final ConcurrentHashMap<Key, byte[]> heads = new ConcurrentHashMap<>();

        /** {@code {"model":...,"tools":[...],"messages":} ready for the messages and the closing brace. */
        byte[] of(ModelRequest request, AgentModel model, boolean caching) {
            Key key = new Key(model, request.system(), request.tools(), caching);
            byte[] head = heads.get(key);
            if (head == null) {
                byte[] json = ProviderHttp.json(head(request, model, caching)); // never empty: "model" is in it
                byte[] field = ",\"messages\":".getBytes(StandardCharsets.US_ASCII);
                head = Arrays.copyOf(json, json.length - 1 + field.length); // its closing brace dropped
                System.arraycopy(field, 0, head, json.length - 1, field.length);
                if (heads.size() >= MOST) {
                    heads.clear(); // prompts that vary per call: the cache restarts, it never grows
                }
                heads.put(key, head);
            }
            return head;
        }
    }

    /** What every call of an agent shares: settings, system prompt, tools. */
    private static ObjectNode head(ModelRequest request, AgentModel model, boolean caching) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.model());
        body.put("max_tokens", model.maxTokens());
        body.put("temperature", model.temperature());
        body.put("stream", true);
        if (!request.system().isBlank()) {
            ObjectNode system = body.putArray("system").addObject();
            system.put("type", "text");
            system.put("text", request.system());
            if (caching) {
                cacheHere(system);
            }
        }
        if (!request.tools().isEmpty()) {
            tools(body.putArray("tools"), request.tools());
        }
        return body;
    }

    private static ArrayNode messages(ModelRequest request, boolean caching) {
        ArrayNode messages = JSON.createArrayNode();
        for (Turn turn : turns(request)) {
            ObjectNode message = messages.addObject();
            message.put("role", turn.role());
            message.putArray("content").addAll(turn.blocks());
        }
        if (caching && request.conversationReadAgain() && !messages.isEmpty()) {
            ArrayNode lastBlocks = (ArrayNode) messages.get(messages.size() - 1).get("content");
            cacheHere((ObjectNode) lastBlocks.get(lastBlocks.size() - 1));
        }
        return messages;
    }

    private static void tools(ArrayNode tools, List<ToolSpec> specs) {
        for (ToolSpec spec : specs) {
            ObjectNode tool = tools.addObject();
            tool.put("name", spec.name());
            tool.put("description", spec.description());
            tool.set("input_schema", parse(spec.parametersJsonSchema(), "the schema of tool " + spec.name()));
        }
    }

    private record Turn(String role, List<ObjectNode> blocks) {}

    private static List<Turn> turns(ModelRequest request) {
        List<ChatMessage> messages = request.messages().isEmpty()
                ? List.of(new ChatMessage.User(request.userMessage()))
                : request.messages();
        List<Turn> turns = new ArrayList<>();
        for (ChatMessage message : messages) {
            List<ObjectNode> blocks = blocks(message);
            if (blocks.isEmpty()) {
                continue; // the API rejects empty turns and empty text blocks
            }
            String role = role(message);
            if (!turns.isEmpty() && turns.get(turns.size() - 1).role().equals(role)) {
                turns.get(turns.size() - 1).blocks().addAll(blocks);
            } else {
                turns.add(new Turn(role, new ArrayList<>(blocks)));
            }
        }
        return turns;
    }

    private static String role(ChatMessage message) {
        return switch (message) {
            case ChatMessage.Assistant assistant -> "assistant";
            case ChatMessage.User user -> "user";
            case ChatMessage.Peer peer -> "user";
            case ChatMessage.ToolResult result -> "user"; // tool results travel in user turns
        };
    }

    private static List<ObjectNode> blocks(ChatMessage message) {
        List<ObjectNode> blocks = new ArrayList<>();
        switch (message) {
            case ChatMessage.User user -> addText(blocks, user.text());
            case ChatMessage.Peer peer -> addText(blocks, peer.agent().displayName() + ": " + peer.text());
            case ChatMessage.Assistant assistant -> {
                addText(blocks, assistant.text());
                for (ToolCall call : assistant.toolCalls()) {
                    ObjectNode use = JSON.createObjectNode();
                    use.put("type", "tool_use");
                    use.put("id", call.callId());
                    use.put("name", call.tool());
                    use.set("input", parse(call.argumentsJson(), "the arguments of tool call " + call.callId()));
                    blocks.add(use);
                }
            }
            case ChatMessage.ToolResult result -> {
                ObjectNode block = JSON.createObjectNode();
                block.put("type", "tool_result");
                block.put("tool_use_id", result.callId());
                block.put("content", result.content());
                if (result.failed()) {
                    block.put("is_error", true);
                }
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static void addText(List<ObjectNode> blocks, String text) {
        if (text != null && !text.isBlank()) {
            ObjectNode block = JSON.createObjectNode();
            block.put("type", "text");
            block.put("text", text);
            blocks.add(block);
        }
    }

    private static void cacheHere(ObjectNode block) {
        block.putObject("cache_control").put("type", "ephemeral");
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
            if (!node.isObject()) {
                throw new ModelException(ModelException.Kind.BAD_REQUEST, what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ModelException(ModelException.Kind.BAD_REQUEST, what + " is not valid JSON", e);
        }
    }
}
