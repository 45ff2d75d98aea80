package scriptorium.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import scriptorium.llm.Usage;
import scriptorium.llm.Agent;
import scriptorium.events.RunEvent;
import scriptorium.events.RunResult;
import scriptorium.events.Sequenced;

/** The wire format of events (PROTOCOL §3): the only place that knows field names. */
public final class EventJson {

    private EventJson() {}

    /**
     * One event as compact UTF-8 JSON, on one line (every newline inside a string is escaped), appended to
     * {@code out}. This runs once per token per stream: `agent_delta` is written field by field straight into the
     * buffer, the same bytes a generator would write; the other events go through a streaming generator.
     */
    static void write(Sequenced sequenced, EventBuffer out) {
        switch (sequenced.event()) {
            case RunEvent.AgentDelta e -> delta(sequenced, e, out);
            case RunEvent.Start e -> generated(sequenced, out);
            case RunEvent.Routed e -> generated(sequenced, out);
            case RunEvent.Processing e -> generated(sequenced, out);
            case RunEvent.AgentMessage e -> generated(sequenced, out);
            case RunEvent.AgentAction e -> generated(sequenced, out);
            case RunEvent.Warning e -> generated(sequenced, out);
            case RunEvent.Citation e -> generated(sequenced, out);
            case RunEvent.Completed e -> generated(sequenced, out);
            case RunEvent.Failed e -> generated(sequenced, out);
            case RunEvent.Cancelled e -> generated(sequenced, out);
        }
    }

    /** Any event, through Jackson's generator. */
    static void generated(Sequenced sequenced, OutputStream out) {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("type", type(sequenced.event()));
            json.writeStringField("run_id", sequenced.runId());
            json.writeNumberField("seq", sequenced.seq());
            json.writeStringField("timestamp", Timestamps.iso(sequenced.timestamp()));
            fields(json, sequenced.event());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory buffer does not fail
        }
    }

    private static final byte[] DELTA_TYPE = ascii("{\"type\":\"agent_delta\",\"run_id\":");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
    private static final byte[] AGENT = ascii("\",\"agent\":");
    private static final byte[] TO = ascii(",\"to\":");
    private static final byte[] MESSAGE_ID = ascii(",\"message_id\":");
    private static final byte[] DELTA = ascii(",\"delta\":");

    /** An `agent_delta`, with the fields in the generator's order. */
    private static void delta(Sequenced sequenced, RunEvent.AgentDelta e, EventBuffer out) {
        out.write(DELTA_TYPE);
        string(sequenced.runId(), out);
        out.write(SEQ);
        out.writeDecimal(sequenced.seq());
        out.write(TIMESTAMP);
        Timestamps.write(sequenced.timestamp(), out);
        out.write(AGENT);
        string(e.agent().id(), out);
        out.write(TO);
        string(e.to().id(), out);
        out.write(MESSAGE_ID);
        string(e.messageId(), out);
        out.write(DELTA);
        string(e.delta(), out);
        out.write('}');
    }

    /** A JSON string, quoted and escaped as the generator escapes it. */
    private static void string(String text, EventBuffer out) {
        out.write('"');
        out.writeJsonEscaped(text);
        out.write('"');
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
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
            case RunEvent.Citation e -> "citation";
            case RunEvent.Completed e -> "complete";
            case RunEvent.Failed e -> "error";
            case RunEvent.Cancelled e -> "cancelled";
        };
    }

    private static void fields(JsonGenerator json, RunEvent event) throws IOException {
        switch (event) {
            case RunEvent.Start e -> {
                json.writeStringField("session_id", e.sessionId());
                json.writeStringField("mode", e.mode().id());
                json.writeStringField("message_id", e.messageId());
            }
            case RunEvent.Routed e -> {
                json.writeStringField("route", e.route().id());
                json.writeStringField("reason", e.reason());
            }
            case RunEvent.Processing e -> {
                json.writeStringField("node", e.node().id());
                json.writeStringField("status", lower(e.phase()));
            }
            case RunEvent.AgentDelta e -> {
                speakers(json, e.agent(), e.to(), e.messageId());
                json.writeStringField("delta", e.delta());
            }
            case RunEvent.AgentMessage e -> {
                speakers(json, e.agent(), e.to(), e.messageId());
                json.writeNumberField("turn", e.turn());
                json.writeStringField("content", e.content());
                json.writeStringField("message", e.content());
                json.writeFieldName("usage");
                json.writeTree(usage(e.usage()));
            }
            case RunEvent.AgentAction e -> {
                json.writeStringField("agent", e.agent().id());
                json.writeStringField("action", e.action());
                json.writeStringField("call_id", e.callId());
                json.writeStringField("status", lower(e.status()));
                json.writeStringField("details", e.details());
                json.writeObjectField("metadata", e.metadata());
            }
            case RunEvent.Citation e -> {
                for (var field : citation(e).properties()) {
                    json.writeFieldName(field.getKey());
                    json.writeTree(field.getValue());
                }
            }
            case RunEvent.Warning e -> {
                json.writeStringField("code", e.code());
                json.writeStringField("message", e.message());
            }
            case RunEvent.Completed e -> {
                json.writeFieldName("result");
                json.writeTree(result(e.result()));
            }
            case RunEvent.Failed e -> {
                json.writeStringField("code", e.code());
                json.writeStringField("error", e.message());
                json.writeStringField("node", e.node() == null ? null : e.node().id());
                json.writeBooleanField("retryable", e.retryable());
            }
            case RunEvent.Cancelled e -> json.writeStringField("reason", e.reason());
        }
    }

    private static void speakers(JsonGenerator json, Agent agent, Agent to, String messageId) throws IOException {
        json.writeStringField("agent", agent.id());
        json.writeStringField("to", to.id());
        json.writeStringField("message_id", messageId);
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
                    .put("message", turn.message()).put("timestamp", Timestamps.iso(turn.timestamp()));
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
        ArrayNode citations = json.putArray("citations");
        result.citations().forEach(c -> citations.add(citation(c)));
        return json;
    }

    /** PROTOCOL §7: a `citation` event's fields, also each item of {@code result.citations}. */
    static ObjectNode citation(RunEvent.Citation c) {
        ObjectNode json = Json.object().put("agent", c.agent().id()).put("message_id", c.messageId())
                .put("note_id", c.noteId()).put("quote", c.quote()).put("verified", c.verified());
        if (c.reason() != null) {
            json.put("reason", lower(c.reason()));
        }
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
