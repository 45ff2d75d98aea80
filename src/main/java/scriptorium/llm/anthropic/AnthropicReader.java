package scriptorium.llm.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import scriptorium.json.Jackson;
import scriptorium.llm.ModelEvent;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;
import scriptorium.llm.ToolCall;
import scriptorium.llm.Usage;
import scriptorium.llm.stream.SseEvent;
import scriptorium.llm.stream.StreamingCall;

/**
 * Reads one Messages API stream: {@code message_start}, then per content block {@code content_block_start},
 * {@code content_block_delta}s ({@code text_delta} or {@code input_json_delta}) and {@code content_block_stop},
 * then {@code message_delta} and {@code message_stop}; {@code ping} anywhere; {@code error} ends it.
 *
 * <p>Usage is counted once: {@code message_start} carries input and cache tokens, {@code message_delta} carries
 * cumulative totals, so a later value replaces an earlier one and nothing is added up.
 */
final class AnthropicReader implements StreamingCall.Reader<AnthropicReader.Result> {

    record Result(String text, List<ToolCall> toolCalls, Usage usage, String stopReason) {}

    private static final ObjectMapper JSON = Jackson.MAPPER;

    private final Consumer<ModelEvent> sink;
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, ToolUse> toolUses = new TreeMap<>();
    private long input;
    private long output;
    private long cacheRead;
    private long cacheCreation;
    private String stopReason = "";
    private boolean started;
    private boolean finished;

    /** A tool_use block being streamed: its input arrives as fragments of JSON. */
    private record ToolUse(String id, String name, StringBuilder json) {}

    AnthropicReader(Consumer<ModelEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void accept(SseEvent event) {
        if (event.event() != null) { // named: the events of every token, and those with nothing to read
            switch (event.event()) {
                case "content_block_delta" -> { // one per token: read from the bytes without building a tree
                    Delta delta = Delta.parse(event.utf8());
                    delta(delta.index(), delta.type(), delta.value());
                    return;
                }
                case "ping", "content_block_stop" -> {
                    return;
                }
                case "message_stop" -> {
                    finished = true;
                    return;
                }
                default -> { } // read below
            }
        }
        JsonNode data = parse(event.utf8());
        switch (data.path("type").asText(event.event() == null ? "" : event.event())) {
            case "message_start" -> usage(data.path("message").path("usage"));
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"));
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                String type = delta.path("type").asText();
                delta(data.path("index").asInt(), type,
                        delta.path("text_delta".equals(type) ? "text" : "partial_json").asText());
            }
            case "message_delta" -> {
                stopReason = data.path("delta").path("stop_reason").asText(stopReason);
                usage(data.path("usage"));
            }
            case "message_stop" -> finished = true;
            case "error" -> throw streamError(data.path("error"));
            default -> { } // ping, content_block_stop, and event types added later: nothing to do
        }
    }

    private void blockStart(int index, JsonNode block) {
        if ("tool_use".equals(block.path("type").asText())) {
            started = true;
            toolUses.put(index, new ToolUse(block.path("id").asText(), block.path("name").asText(), new StringBuilder()));
        }
    }

    /** @param value the text of a {@code text_delta}, the JSON fragment of an {@code input_json_delta} */
    private void delta(int index, String type, String value) {
        switch (type) {
            case "text_delta" -> {
                if (!value.isEmpty()) {
                    started = true;
                    text.append(value);
                    sink.accept(new ModelEvent.TextDelta(value)); // may throw (a cancelled run): let it through
                }
            }
            case "input_json_delta" -> {
                ToolUse use = toolUses.get(index);
                if (use != null) {
                    use.json().append(value);
                }
            }
            default -> { } // thinking_delta, signature_delta, citations: not used by our agents
        }
    }

    private void usage(JsonNode usage) {
        input = usage.path("input_tokens").asLong(input);
        output = usage.path("output_tokens").asLong(output);
        cacheRead = usage.path("cache_read_input_tokens").asLong(cacheRead);
        cacheCreation = usage.path("cache_creation_input_tokens").asLong(cacheCreation);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public boolean started() {
        return started;
    }

    @Override
    public Result result() {
        List<ToolCall> calls = new ArrayList<>();
        for (ToolUse use : toolUses.values()) {
            String json = use.json().isEmpty() ? "{}" : use.json().toString();
            calls.add(new ToolCall(use.id(), use.name(), json));
        }
        return new Result(text.toString(), calls, new Usage(input, output, cacheRead, cacheCreation), stopReason);
    }

    /** An {@code error} event: the same types as an error response's body. */
    private static ModelException streamError(JsonNode error) {
        String type = error.path("type").asText("unknown");
        return new ModelException(kind(type), "Anthropic stream error (" + type + ": "
                + error.path("message").asText("") + ")");
    }

    /** Anthropic's error types (https://docs.anthropic.com/en/api/errors). */
    static Kind kind(String type) {
        return switch (type) {
            case "overloaded_error" -> Kind.OVERLOADED;
            case "rate_limit_error" -> Kind.RATE_LIMITED;
            case "api_error", "timeout_error" -> Kind.UNAVAILABLE;
            case "authentication_error", "permission_error" -> Kind.AUTH;
            case "invalid_request_error", "not_found_error", "request_too_large" -> Kind.BAD_REQUEST;
            default -> Kind.UNEXPECTED;
        };
    }

    /**
     * A {@code content_block_delta}: read by {@link DeltaScan} when it has the usual shape, else field by field with
     * a streaming parser (fields in any order).
     */
    record Delta(int index, String type, String value) {

        static Delta parse(byte[] data) {
            Delta usual = DeltaScan.read(data);
            if (usual != null) {
                return usual;
            }
            try (JsonParser json = JSON.getFactory().createParser(data)) {
                int index = 0;
                String type = "";
                String value = "";
                expect(json.nextToken() == JsonToken.START_OBJECT);
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken token = json.nextToken();
                    switch (field) {
                        case "index" -> index = json.getValueAsInt();
                        case "type" -> expect("content_block_delta".equals(json.getText()));
                        case "delta" -> {
                            expect(token == JsonToken.START_OBJECT);
                            while (json.nextToken() == JsonToken.FIELD_NAME) {
                                String name = json.currentName();
                                json.nextToken();
                                switch (name) {
                                    case "type" -> type = json.getText();
                                    case "text", "partial_json" -> value = json.getText();
                                    default -> json.skipChildren();
                                }
                            }
                        }
                        default -> json.skipChildren();
                    }
                }
                return new Delta(index, type, value);
            } catch (IOException e) {
                throw new ModelException(Kind.UNEXPECTED, "Anthropic sent a content_block_delta that is not JSON", e);
            }
        }

        private static void expect(boolean shape) {
            if (!shape) {
                throw new ModelException(Kind.UNEXPECTED, "Anthropic sent a content_block_delta of another shape");
            }
        }
    }

    private static JsonNode parse(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new ModelException(Kind.UNEXPECTED, "Anthropic sent an event that is not JSON", e);
        }
    }
}
