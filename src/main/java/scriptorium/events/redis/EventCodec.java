package scriptorium.events.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import scriptorium.events.Mode;
import scriptorium.events.Route;
import scriptorium.events.RunEvent;
import scriptorium.events.RunResult;
import scriptorium.json.Jackson;
import scriptorium.llm.Agent;
import scriptorium.llm.Usage;

/**
 * A {@link RunEvent} as stored in a Redis stream entry, and back: every field, the ones the wire leaves out too
 * (an agent message's cost and model), so a run replayed through another instance is the run that was written.
 * This is storage, not the wire format ({@code http.EventJson} stays the only one): short keys, our own names.
 */
final class EventCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private EventCodec() {}

    static String encode(RunEvent event) {
        ObjectNode json = NODES.objectNode();
        switch (event) {
            case RunEvent.Start e -> json.put("k", "start").put("session", e.sessionId()).put("mode", e.mode().id())
                    .put("message", e.messageId());
            case RunEvent.Routed e -> json.put("k", "routed").put("route", e.route().id()).put("reason", e.reason());
            case RunEvent.Processing e -> json.put("k", "processing").put("node", e.node().id())
                    .put("phase", e.phase().name());
            case RunEvent.AgentDelta e -> json.put("k", "delta").put("agent", e.agent().id()).put("to", e.to().id())
                    .put("message", e.messageId()).put("delta", e.delta());
            case RunEvent.AgentMessage e -> {
                json.put("k", "message").put("agent", e.agent().id()).put("to", e.to().id())
                        .put("message", e.messageId()).put("turn", e.turn()).put("content", e.content())
                        .put("cost", e.costUsd()).put("model", e.model());
                json.set("usage", usage(e.usage()));
            }
            case RunEvent.AgentAction e -> {
                json.put("k", "action").put("agent", e.agent().id()).put("action", e.action())
                        .put("call", e.callId()).put("status", e.status().name()).put("details", e.details());
                json.set("metadata", Jackson.MAPPER.valueToTree(e.metadata()));
            }
            case RunEvent.Citation e -> citation(json.put("k", "citation"), e);
            case RunEvent.Warning e -> json.put("k", "warning").put("code", e.code()).put("text", e.message());
            case RunEvent.Completed e -> json.put("k", "completed").set("result", result(e.result()));
            case RunEvent.Failed e -> json.put("k", "failed").put("code", e.code()).put("text", e.message())
                    .put("node", e.node() == null ? null : e.node().id()).put("retryable", e.retryable());
            case RunEvent.Cancelled e -> json.put("k", "cancelled").put("reason", e.reason());
        }
        return json.toString();
    }

    static RunEvent decode(String text) {
        JsonNode json;
        try {
            json = Jackson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable event in the event log: " + e.getOriginalMessage(), e);
        }
        return switch (json.path("k").asText()) {
            case "start" -> new RunEvent.Start(text(json, "session"), mode(json.path("mode").asText()),
                    text(json, "message"));
            case "routed" -> new RunEvent.Routed(route(json.path("route").asText()), text(json, "reason"));
            case "processing" -> new RunEvent.Processing(route(json.path("node").asText()),
                    RunEvent.Phase.valueOf(json.path("phase").asText()));
            case "delta" -> new RunEvent.AgentDelta(agent(json, "agent"), agent(json, "to"), text(json, "message"),
                    text(json, "delta"));
            case "message" -> new RunEvent.AgentMessage(agent(json, "agent"), agent(json, "to"),
                    text(json, "message"), json.path("turn").asInt(), text(json, "content"), usage(json.path("usage")),
                    json.path("cost").asDouble(), text(json, "model"));
            case "action" -> new RunEvent.AgentAction(agent(json, "agent"), text(json, "action"), text(json, "call"),
                    RunEvent.ActionStatus.valueOf(json.path("status").asText()), text(json, "details"),
                    Jackson.MAPPER.convertValue(json.path("metadata"), MAP));
            case "citation" -> citation(json);
            case "warning" -> new RunEvent.Warning(text(json, "code"), text(json, "text"));
            case "completed" -> new RunEvent.Completed(result(json.path("result")));
            case "failed" -> new RunEvent.Failed(text(json, "code"), text(json, "text"),
                    json.path("node").isTextual() ? route(json.path("node").asText()) : null,
                    json.path("retryable").asBoolean());
            case "cancelled" -> new RunEvent.Cancelled(text(json, "reason"));
            default -> throw new IllegalStateException("unknown event kind in the event log: " + json.path("k"));
        };
    }

    private static ObjectNode result(RunResult r) {
        ObjectNode json = NODES.objectNode().put("response", r.response())
                .put("used", r.agentUsed() == null ? null : r.agentUsed().id()).put("session", r.sessionId())
                .put("run", r.runId()).put("ms", r.processingTimeMs()).put("cost", r.costUsd()).put("model", r.model());
        ArrayNode involved = json.putArray("involved");
        r.agentsInvolved().forEach(a -> involved.add(a.id()));
        ArrayNode turns = json.putArray("turns");
        r.discussionHistory().forEach(t -> turns.addObject().put("agent", t.agent().id()).put("to", t.to().id())
                .put("text", t.message()).put("at", t.timestamp().toString()));
        strings(json.putArray("notes"), r.noteIds());
        strings(json.putArray("errors"), r.errors());
        strings(json.putArray("warnings"), r.warnings());
        json.set("usage", usage(r.usage()));
        ArrayNode citations = json.putArray("citations");
        r.citations().forEach(c -> citation(citations.addObject(), c));
        return json;
    }

    private static ObjectNode citation(ObjectNode json, RunEvent.Citation c) {
        return json.put("agent", c.agent().id()).put("message", c.messageId()).put("note", c.noteId())
                .put("quote", c.quote()).put("verified", c.verified())
                .put("reason", c.reason() == null ? null : c.reason().name());
    }

    private static RunEvent.Citation citation(JsonNode json) {
        return new RunEvent.Citation(agent(json, "agent"), text(json, "message"), text(json, "note"),
                text(json, "quote"), json.path("verified").asBoolean(),
                json.path("reason").isTextual() ? RunEvent.Unverified.valueOf(json.path("reason").asText()) : null);
    }

    private static RunResult result(JsonNode json) {
        List<RunResult.Turn> turns = new ArrayList<>();
        json.path("turns").forEach(t -> turns.add(new RunResult.Turn(agent(t, "agent"), agent(t, "to"),
                text(t, "text"), Instant.parse(t.path("at").asText()))));
        List<Agent> involved = new ArrayList<>();
        json.path("involved").forEach(a -> involved.add(Agent.parse(a.asText()).orElseThrow()));
        List<RunEvent.Citation> citations = new ArrayList<>();
        json.path("citations").forEach(c -> citations.add(citation(c)));
        return new RunResult(text(json, "response"),
                json.path("used").isTextual() ? route(json.path("used").asText()) : null, involved, turns,
                text(json, "session"), text(json, "run"), strings(json.path("notes")), json.path("ms").asLong(),
                usage(json.path("usage")), json.path("cost").asDouble(), text(json, "model"),
                strings(json.path("errors")), strings(json.path("warnings")), citations);
    }

    private static ObjectNode usage(Usage u) {
        return NODES.objectNode().put("in", u.inputTokens()).put("out", u.outputTokens())
                .put("cacheRead", u.cacheReadInputTokens()).put("cacheWrite", u.cacheCreationInputTokens());
    }

    private static Usage usage(JsonNode json) {
        return new Usage(json.path("in").asLong(), json.path("out").asLong(), json.path("cacheRead").asLong(),
                json.path("cacheWrite").asLong());
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static Agent agent(JsonNode json, String field) {
        return Agent.parse(json.path(field).asText()).orElseThrow(
                () -> new IllegalStateException("unknown agent in the event log: " + json.path(field)));
    }

    private static Route route(String id) {
        return Route.valueOf(id.toUpperCase(Locale.ROOT));
    }

    private static Mode mode(String id) {
        return Mode.parse(id).orElseThrow(() -> new IllegalStateException("unknown mode in the event log: " + id));
    }
}
