package scriptorium.llm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake OpenAI chat completions API ({@code POST /v1/chat/completions}) speaking its streaming format:
 * {@code chat.completion.chunk}s with content deltas and {@code tool_calls} deltas (id and name first, arguments in
 * two fragments), a chunk with {@code finish_reason}, the usage chunk with empty {@code choices} when
 * {@code stream_options.include_usage} asked for it, then {@code [DONE]}. Accepts {@code Authorization: Bearer}
 * with {@link #KEY}. Caches automatically as OpenAI does: the longest prefix of whole messages seen before is
 * reported as {@code prompt_tokens_details.cached_tokens}.
 */
public final class FakeOpenAiServer extends FakeProviderServer {

    private final Set<String> seenPrefixes = ConcurrentHashMap.newKeySet();

    private FakeOpenAiServer() {
        super("/v1/chat/completions");
    }

    public static FakeOpenAiServer start() {
        return new FakeOpenAiServer();
    }

    /** What {@code OPENAI_BASE_URL} is set to: the root with {@code /v1}. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    @Override
    protected boolean authorized(RecordedRequest request) {
        return ("Bearer " + KEY).equals(request.header("authorization"));
    }

    @Override
    protected String errorBody(int status, String type) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", status == 401 ? "Incorrect API key provided" : type)
                .put("type", status == 401 ? "invalid_request_error" : type).putNull("param")
                .put("code", status == 401 ? "invalid_api_key" : type);
        return body.toString();
    }

    @Override
    protected void stream(Scripted.Reply reply, RecordedRequest request, SseOut out)
            throws IOException, InterruptedException {
        String model = request.body().path("model").asText();
        out.event(null, chunk(model, delta -> delta.put("role", "assistant").put("content", ""), null).toString());
        stall(out, reply.fault().stall(), o -> o.comment("keepalive"));
        long output = 0;
        for (int i = 0; i <= reply.chunks().size(); i++) {
            if (fault(reply.fault(), i, out)) {
                return;
            }
            if (i < reply.chunks().size()) {
                String text = reply.chunks().get(i);
                out.event(null, chunk(model, delta -> delta.put("content", text), null).toString());
                output += tokens(text);
            }
        }
        for (int index = 0; index < reply.toolUses().size(); index++) {
            Scripted.ToolUse use = reply.toolUses().get(index);
            int at = index;
            String json = use.argumentsJson();
            out.event(null, chunk(model, delta -> toolCall(delta, at).put("id", use.id()).put("type", "function")
                    .putObject("function").put("name", use.name()).put("arguments", ""), null).toString());
            for (String part : new String[] {json.substring(0, json.length() / 2), json.substring(json.length() / 2)}) {
                out.event(null, chunk(model, delta -> toolCall(delta, at).putObject("function")
                        .put("arguments", part), null).toString());
            }
            output += tokens(json) + 10;
        }
        out.event(null, chunk(model, delta -> { }, reply.toolUses().isEmpty() ? "stop" : "tool_calls").toString());
        if (request.body().path("stream_options").path("include_usage").asBoolean(false)) {
            out.event(null, usageChunk(model, request.body().path("messages"), output).toString());
        }
        out.event(null, "[DONE]");
    }

    /** Plays the fault due before chunk {@code chunk}, if any; true when the stream must end here. */
    private static boolean fault(Scripted.Fault fault, int chunk, SseOut out) throws IOException, InterruptedException {
        if (!fault.firesAt(chunk)) {
            return false;
        }
        switch (fault) {
            case Scripted.Fault.CutAfter cut -> throw new Cut();
            case Scripted.Fault.ErrorEvent error -> out.event(null, "{\"error\":{\"message\":\"" + error.type()
                    + " mid-stream\",\"type\":\"" + error.type() + "\",\"code\":503}}");
            case Scripted.Fault.Hang hang -> pingUntilGone(out, o -> o.comment("keepalive"));
            case Scripted.Fault.None none -> { }
            case Scripted.Fault.Stall stall -> { }
        }
        return true;
    }

    private static ObjectNode toolCall(ObjectNode delta, int index) {
        return delta.putArray("tool_calls").addObject().put("index", index);
    }

    private static ObjectNode chunk(String model, java.util.function.Consumer<ObjectNode> delta, String finish) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        chunk.putNull("usage");
        return chunk;
    }

    private ObjectNode usageChunk(String model, JsonNode messages, long output) {
        long prompt = 0;
        long cached = 0;
        var prefix = new StringBuilder();
        Set<String> prefixes = new HashSet<>();
        for (JsonNode message : messages) {
            prefix.append(message).append('\u0000');
            prompt += tokens(message.toString());
            if (seenPrefixes.contains(prefix.toString())) {
                cached = prompt;
            }
            prefixes.add(prefix.toString());
        }
        seenPrefixes.addAll(prefixes);
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", model);
        chunk.putArray("choices");
        ObjectNode usage = chunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", output)
                .put("total_tokens", prompt + output);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        return chunk;
    }
}
