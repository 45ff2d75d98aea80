package scriptorium.llm.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * A fake Anthropic Messages API ({@code POST /v1/messages}) speaking its streaming format: {@code message_start}
 * with input and cache usage, {@code ping}, text and {@code tool_use} content blocks ({@code input_json_delta} in
 * two fragments), {@code message_delta} with cumulative usage (input and cache repeated, as the API does now),
 * {@code message_stop}; {@code error} events as faults. Accepts {@code x-api-key} or {@code Authorization: Bearer}
 * with {@link #KEY}; bills through a {@link PromptCache}.
 */
public final class FakeAnthropicServer extends FakeProviderServer {

    private final PromptCache cache;

    private FakeAnthropicServer(long minimumCacheableTokens) {
        super("/v1/messages");
        this.cache = new PromptCache(minimumCacheableTokens);
    }

    public static FakeAnthropicServer start() {
        return new FakeAnthropicServer(0);
    }

    /** A fake whose cache ignores prefixes under {@code tokens}, as the real one does under 1024 (Sonnet). */
    public static FakeAnthropicServer withMinimumCacheable(long tokens) {
        return new FakeAnthropicServer(tokens);
    }

    /** What {@code ANTHROPIC_BASE_URL} is set to: the root, without {@code /v1}. */
    public String baseUrl() {
        return rootUrl();
    }

    @Override
    protected boolean authorized(RecordedRequest request) {
        return KEY.equals(request.header("x-api-key")) || ("Bearer " + KEY).equals(request.header("authorization"));
    }

    @Override
    protected String errorBody(int status, String type) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", switch (type) {
            case "authentication_error" -> "invalid x-api-key";
            case "overloaded_error" -> "Overloaded";
            case "rate_limit_error" -> "Number of requests has exceeded your rate limit";
            default -> "Internal server error";
        });
        return body.toString();
    }

    @Override
    protected void stream(Scripted.Reply reply, RecordedRequest request, SseOut out)
            throws IOException, InterruptedException {
        PromptCache.Billed billed = cache.bill(request.body());
        String model = request.body().path("model").asText();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message").put("id", "msg_fake").put("type", "message")
                .put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        usage(message.putObject("usage"), billed, 1);
        out.event("message_start", start.toString());
        ping(out);
        stall(out, reply.fault().stall(), FakeAnthropicServer::ping);
        long outputTokens = 0;
        int index = 0;
        if (!reply.chunks().isEmpty() || firesAt(reply, 0)) {
            out.event("content_block_start", """
                    {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");
            for (int i = 0; i < reply.chunks().size(); i++) {
                if (firesAt(reply, i) && fire(reply.fault(), out)) {
                    return;
                }
                ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
                delta.putObject("delta").put("type", "text_delta").put("text", reply.chunks().get(i));
                out.event("content_block_delta", delta.toString());
                outputTokens += tokens(reply.chunks().get(i));
            }
            if (firesAt(reply, reply.chunks().size()) && fire(reply.fault(), out)) {
                return;
            }
            out.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            index = 1;
        }
        for (Scripted.ToolUse use : reply.toolUses()) {
            toolUse(out, index++, use);
            outputTokens += tokens(use.argumentsJson()) + 10;
        }
        ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", reply.toolUses().isEmpty() ? "end_turn" : "tool_use")
                .putNull("stop_sequence");
        usage(end.putObject("usage"), billed, outputTokens);
        out.event("message_delta", end.toString());
        out.event("message_stop", "{\"type\":\"message_stop\"}");
    }

    private static void toolUse(SseOut out, int index, Scripted.ToolUse use) throws IOException {
        ObjectNode start = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        start.putObject("content_block").put("type", "tool_use").put("id", use.id()).put("name", use.name())
                .putObject("input");
        out.event("content_block_start", start.toString());
        String json = use.argumentsJson();
        for (String part : List.of(json.substring(0, json.length() / 2), json.substring(json.length() / 2))) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
            delta.putObject("delta").put("type", "input_json_delta").put("partial_json", part);
            out.event("content_block_delta", delta.toString());
        }
        out.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    private static void usage(ObjectNode usage, PromptCache.Billed billed, long output) {
        usage.put("input_tokens", billed.input())
                .put("cache_creation_input_tokens", billed.cacheCreation())
                .put("cache_read_input_tokens", billed.cacheRead())
                .put("output_tokens", output);
    }

    private static boolean firesAt(Scripted.Reply reply, int chunk) {
        return reply.fault().firesAt(chunk);
    }

    /** Plays a fault; true when the stream must end here. */
    private static boolean fire(Scripted.Fault fault, SseOut out) throws IOException, InterruptedException {
        switch (fault) {
            case Scripted.Fault.CutAfter cut -> throw new Cut();
            case Scripted.Fault.ErrorEvent error -> out.event("error", "{\"type\":\"error\",\"error\":{\"type\":\""
                    + error.type() + "\",\"message\":\"" + error.type() + " mid-stream\"}}");
            case Scripted.Fault.Hang hang -> pingUntilGone(out, FakeAnthropicServer::ping);
            case Scripted.Fault.None none -> { }
            case Scripted.Fault.Stall stall -> { }
        }
        return true;
    }

    private static void ping(SseOut out) throws IOException {
        out.event("ping", "{\"type\": \"ping\"}");
    }
}
