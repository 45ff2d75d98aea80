package scriptorium.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import scriptorium.llm.stream.ErrorStatuses;
import scriptorium.llm.stream.SseEvent;
import scriptorium.llm.stream.StreamingCall;

/**
 * Reads a chat completions stream: {@code chat.completion.chunk}s whose {@code choices[0].delta} carries text or
 * {@code tool_calls} fragments (keyed by {@code index}; id and name come first, arguments in pieces), a chunk with a
 * {@code finish_reason}, the usage chunk (empty {@code choices}), then {@code [DONE]}. Some servers (vLLM) report a
 * failure mid-stream as a chunk holding an {@code error} object.
 *
 * <p>{@code prompt_tokens} includes cached tokens: they are moved to {@code cacheReadInputTokens} so each token is
 * counted once and priced as cached.
 */
final class OpenAiReader implements StreamingCall.Reader<OpenAiReader.Result> {

    record Result(String text, List<ToolCall> toolCalls, Usage usage, String finishReason) {}

    private static final ObjectMapper JSON = Jackson.MAPPER;

    private final Consumer<ModelEvent> sink;
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, Call> calls = new TreeMap<>();
    private Usage usage = Usage.NONE;
    private String finishReason = "";
    private boolean started;
    private boolean finished;

    private record Call(StringBuilder id, StringBuilder name, StringBuilder arguments) {}

    OpenAiReader(Consumer<ModelEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void accept(SseEvent event) {
        if (event.dataIs("[DONE]")) {
            finished = true;
            return;
        }
        JsonNode chunk = parse(event.utf8());
        if (chunk.has("error")) {
            JsonNode error = chunk.path("error");
            int code = error.path("code").asInt(0);
            Kind kind = code > 0 ? ErrorStatuses.kind(code) : Kind.UNAVAILABLE;
            throw new ModelException(kind, "OpenAI-compatible stream error: " + error.path("message").asText(""));
        }
        for (JsonNode choice : chunk.path("choices")) {
            delta(choice.path("delta"));
            finishReason = choice.path("finish_reason").asText(finishReason);
        }
        JsonNode reported = chunk.path("usage");
        if (reported.isObject()) {
            long prompt = reported.path("prompt_tokens").asLong(0);
            long cached = reported.path("prompt_tokens_details").path("cached_tokens").asLong(0);
            usage = new Usage(prompt - cached, reported.path("completion_tokens").asLong(0), cached, 0);
        }
    }

    private void delta(JsonNode delta) {
        String chunk = delta.path("content").asText("");
        if (!chunk.isEmpty()) {
            started = true;
            text.append(chunk);
            sink.accept(new ModelEvent.TextDelta(chunk)); // may throw (a cancelled run): let it through
        }
        for (JsonNode fragment : delta.path("tool_calls")) {
            started = true;
            Call call = calls.computeIfAbsent(fragment.path("index").asInt(calls.size()),
                    i -> new Call(new StringBuilder(), new StringBuilder(), new StringBuilder()));
            call.id().append(fragment.path("id").asText(""));
            call.name().append(fragment.path("function").path("name").asText(""));
            call.arguments().append(fragment.path("function").path("arguments").asText(""));
        }
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
        List<ToolCall> toolCalls = new ArrayList<>();
        for (Call call : calls.values()) {
            String arguments = call.arguments().isEmpty() ? "{}" : call.arguments().toString();
            toolCalls.add(new ToolCall(call.id().toString(), call.name().toString(), arguments));
        }
        return new Result(text.toString(), toolCalls, usage, finishReason);
    }

    private static JsonNode parse(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new ModelException(Kind.UNEXPECTED, "the model server sent a chunk that is not JSON", e);
        }
    }
}
