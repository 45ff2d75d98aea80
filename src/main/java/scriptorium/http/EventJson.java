package scriptorium.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import scriptorium.llm.Usage;
import scriptorium.run.RunEvent;
import scriptorium.run.RunResult;
import scriptorium.run.Sequenced;

/** The wire format of events (PROTOCOL §3): the only place that knows field names. */
public final class EventJson {

    private EventJson() {}

    /** One event as compact JSON, on one line (Jackson escapes every newline inside strings). */
    public static String write(Sequenced sequenced) {
        ObjectNode json = Json.object();
        json.put("type", type(sequenced.event()));
        json.put("run_id", sequenced.runId());
        json.put("seq", sequenced.seq());
        json.put("timestamp", sequenced.timestamp().toString());
        fields(json, sequenced.event());
        return json.toString();
    }

    static String type(RunEvent event) {
        return switch (event) {
            case RunEvent.Start e -> "start";
            case RunEvent.Routed e -> "routing";
            case RunEvent.Processing e -> "processing";
            case RunEvent.AgentDelta e -> "agent_delta";
            case RunEvent.AgentMessage e -> "agent_message";
            case RunEvent.AgentAction e -> "agent_action";
            case RunEvent.Warning e -> "warning";
            case RunEvent.Completed e -> "complete";
            case RunEvent.Failed e -> "error";
            case RunEvent.Cancelled e -> "cancelled";
        };
    }

    private static void fields(ObjectNode json, RunEvent event) {
        switch (event) {
            case RunEvent.Start e -> json.put("session_id", e.sessionId()).put("mode", e.mode().id())
                    .put("message_id", e.messageId());
            case RunEvent.Routed e -> json.put("route", e.route().id()).put("reason", e.reason());
            case RunEvent.Processing e -> json.put("node", e.node().id()).put("status", lower(e.phase()));
            case RunEvent.AgentDelta e -> json.put("agent", e.agent().id()).put("to", e.to().id())
                    .put("message_id", e.messageId()).put("delta", e.delta());
            case RunEvent.AgentMessage e -> {
                json.put("agent", e.agent().id()).put("to", e.to().id()).put("message_id", e.messageId())
                        .put("turn", e.turn()).put("content", e.content()).put("message", e.content());
                json.set("usage", usage(e.usage()));
            }
            case RunEvent.AgentAction e -> {
                json.put("agent", e.agent().id()).put("action", e.action()).put("call_id", e.callId())
                        .put("status", lower(e.status())).put("details", e.details());
                json.set("metadata", Json.MAPPER.valueToTree(e.metadata()));
            }
            case RunEvent.Warning e -> json.put("code", e.code()).put("message", e.message());
            case RunEvent.Completed e -> json.set("result", result(e.result()));
            case RunEvent.Failed e -> json.put("code", e.code()).put("error", e.message())
                    .put("node", e.node() == null ? null : e.node().id()).put("retryable", e.retryable());
            case RunEvent.Cancelled e -> json.put("reason", e.reason());
        }
    }

    /** {@code complete.result}, also the body of {@code POST /api/v1/chat/orchestrated}. */
    public static ObjectNode result(RunResult result) {
        ObjectNode json = Json.object();
        json.put("response", result.response());
        json.put("agent_used", result.agentUsed().id());
        ArrayNode involved = json.putArray("agents_involved");
        result.agentsInvolved().forEach(agent -> involved.add(agent.id()));
        ArrayNode history = json.putArray("discussion_history");
        for (RunResult.Turn turn : result.discussionHistory()) {
            history.addObject().put("agent", turn.agent().id()).put("to", turn.to().id())
                    .put("message", turn.message()).put("timestamp", turn.timestamp().toString());
        }
        json.put("session_id", result.sessionId());
        json.put("run_id", result.runId());
        ArrayNode notes = json.putArray("note_ids");
        result.noteIds().forEach(notes::add);
        json.put("processing_time_ms", result.processingTimeMs());
        json.put("tokens_used", result.tokensUsed());
        json.set("usage", usage(result.usage()));
        json.put("cost_usd", result.costUsd());
        json.put("model", result.model());
        ArrayNode errors = json.putArray("errors");
        result.errors().forEach(errors::add);
        ArrayNode warnings = json.putArray("warnings");
        result.warnings().forEach(warnings::add);
        return json;
    }

    static ObjectNode usage(Usage usage) {
        return Json.object()
                .put("input_tokens", usage.inputTokens())
                .put("output_tokens", usage.outputTokens())
                .put("cache_read_input_tokens", usage.cacheReadInputTokens())
                .put("cache_creation_input_tokens", usage.cacheCreationInputTokens());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
