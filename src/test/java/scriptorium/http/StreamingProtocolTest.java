package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.SseRecorder;
import scriptorium.testing.TestServer;

/** PROTOCOL §2-§4 through the real server: the four reference messages, event by event. */
class StreamingProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @Test
    void namingPlumeStreamsPlumesAnswerBetweenProcessingEventsAndEndsWithDone() {
        var stream = server.stream(CHAT_STREAM, body(
                "Plume, peux-tu reformuler cette phrase : 'Python est un langage de programmation' ?", "auto"));
        JsonNode start = stream.assertNext("start");
        assertThat(start.path("mode").asText()).isEqualTo("auto");
        assertThat(start.path("session_id").asText()).isNotBlank();
        JsonNode routing = stream.assertNext("routing");
        assertThat(routing.path("route").asText()).isEqualTo("plume");
        assertThat(routing.path("reason").asText()).isEqualTo("named:plume");
        assertProcessing(stream.assertNext("processing"), "plume", "started");
        JsonNode message = assertOneMessage(stream, "plume", "user");
        assertThat(message.path("content").asText()).contains("Python est un langage de programmation");
        assertProcessing(stream.assertNext("processing"), "plume", "completed");
        JsonNode complete = stream.assertNext("complete");
        stream.assertDone();
        JsonNode result = complete.path("result");
        assertThat(result.path("agent_used").asText()).isEqualTo("plume");
        assertThat(result.path("response").asText()).isEqualTo(message.path("content").asText());
        assertThat(result.path("model").asText()).isEqualTo("offline");
        assertThat(result.path("session_id").asText()).isEqualTo(start.path("session_id").asText());
        assertContiguous(stream.events());
    }

    @Test
    void namingMimirRoutesToMimirWhoSaysTheArchiveIsEmpty() {
        var stream = server.stream(CHAT_STREAM, body("Mimir, trouve mes notes sur la programmation Python", "auto"));
        stream.assertNext("start");
        assertThat(stream.assertNext("routing").path("reason").asText()).isEqualTo("named:mimir");
        assertProcessing(stream.assertNext("processing"), "mimir", "started");
        JsonNode message = assertOneMessage(stream, "mimir", "user");
        assertThat(message.path("content").asText()).contains("programmation python");
        assertProcessing(stream.assertNext("processing"), "mimir", "completed");
        assertThat(stream.assertNext("complete").path("result").path("agent_used").asText()).isEqualTo("mimir");
        stream.assertDone();
        assertContiguous(stream.events());
    }

    @Test
    void namingBothStartsADiscussionOfAlternatingTurnsThenASynthesis() {
        var stream = server.stream(CHAT_STREAM, body("Plume et Mimir, pouvez-vous discuter ensemble sur "
                + "l'importance de la documentation technique ?", "auto"));
        stream.assertNext("start");
        assertThat(stream.assertNext("routing").path("reason").asText()).isEqualTo("named:both");
        assertProcessing(stream.assertNext("processing"), "discussion", "started");
        JsonNode first = assertOneMessage(stream, "plume", "mimir");
        JsonNode second = assertOneMessage(stream, "mimir", "plume");
        JsonNode synthesis = assertOneMessage(stream, "plume", "user");
        assertProcessing(stream.assertNext("processing"), "discussion", "completed");
        JsonNode result = stream.assertNext("complete").path("result");
        stream.assertDone();

        assertThat(List.of(first.path("turn").asInt(), second.path("turn").asInt())).containsExactly(1, 2);
        assertThat(result.path("agent_used").asText()).isEqualTo("discussion");
        assertThat(result.path("agents_involved")).extracting(JsonNode::asText).containsExactly("plume", "mimir");
        assertThat(result.path("discussion_history")).hasSize(2);
        assertThat(result.path("discussion_history").get(1).path("to").asText()).isEqualTo("plume");
        assertThat(result.path("response").asText()).isEqualTo(synthesis.path("content").asText())
                .isNotEqualTo(second.path("content").asText());
        assertContiguous(stream.events());
    }

    @Test
    void anOpenQuestionInDiscussionModeIsDiscussedByBothAgents() {
        var stream = server.stream(CHAT_STREAM, body("Qu'est-ce que RAG en intelligence artificielle ?", "discussion"));
        List<JsonNode> events = stream.readToEnd();
        assertThat(events.get(1).path("route").asText()).isEqualTo("discussion");
        assertThat(events.get(1).path("reason").asText()).isEqualTo("mode");
        assertThat(events).filteredOn(e -> e.path("type").asText().equals("agent_message"))
                .extracting(e -> e.path("agent").asText() + ">" + e.path("to").asText())
                .containsExactly("plume>mimir", "mimir>plume", "plume>user");
        assertThat(events.getLast().path("type").asText()).isEqualTo("complete");
        assertContiguous(events);
    }

    @Test
    void theStreamHasTheProtocolHeadersWithAndWithoutAnAcceptHeader() {
        for (String accept : new String[] {null, "text/event-stream", "*/*"}) {
            var request = HttpRequest.newBuilder(server.uri(CHAT_STREAM)).header("Content-Type", "application/json");
            if (accept != null) {
                request.header("Accept", accept);
            }
            var response = server.send(request.POST(HttpRequest.BodyPublishers.ofString(body("Plume, note : test", "auto"))).build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(response.headers().firstValue("X-Run-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("r-"));
            assertThat(response.headers().firstValue("X-Session-Id")).isPresent();
            assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(response.body()).as("PROTOCOL §7: the retry: frame first")
                    .startsWith("retry: 1000\n\nid: 1\ndata: {\"type\":\"start\"").endsWith("data: [DONE]\n\n");
        }
    }

    @Test
    void theNonStreamingEndpointAnswersWithTheCompleteResult() throws Exception {
        var response = server.post("/api/v1/chat/orchestrated", body("Mimir, cherche RAG", "auto"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("agent_used").asText()).isEqualTo("mimir");
        assertThat(result.path("run_id").asText()).isEqualTo(response.headers().firstValue("X-Run-Id").orElseThrow());
        assertThat(result.path("usage").path("input_tokens").asLong()).isZero();
        assertThat(result.has("processing_time_ms")).isTrue();
    }

    @Test
    void aConversationGoesOnWithItsSessionAndIsStored() throws Exception {
        List<JsonNode> first = server.stream(CHAT_STREAM, body("Plume, note que le thé se boit chaud.", "auto")).readToEnd();
        String session = first.getFirst().path("session_id").asText();
        List<JsonNode> second = server.stream(CHAT_STREAM,
                "{\"message\": \"Mimir, cherche le thé\", \"conversation_id\": \"" + session + "\"}").readToEnd();
        assertThat(second.getFirst().path("session_id").asText()).isEqualTo(session);

        JsonNode conversation = JSON.readTree(server.get("/api/v1/conversations/" + session).body());
        assertThat(conversation.path("title").asText()).isEqualTo("Plume, note que le thé se boit chaud.");
        assertThat(conversation.path("messages")).extracting(m -> m.path("author").asText())
                .containsExactly("user", "plume", "user", "mimir");
        JsonNode list = JSON.readTree(server.get("/api/v1/conversations").body());
        assertThat(list.path("conversations")).extracting(c -> c.path("id").asText()).contains(session);
        String runId = second.getFirst().path("run_id").asText();
        JsonNode run = JSON.readTree(server.get("/api/v1/runs/" + runId).body());
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("route").asText()).isEqualTo("mimir");
        assertThat(run.path("last_seq").asLong()).isEqualTo(second.getLast().path("seq").asLong());

        assertThat(server.delete("/api/v1/conversations/" + session).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/v1/conversations/" + session).statusCode()).isEqualTo(404);
    }

    @Test
    void healthSaysWhichModelAndStoreAreUsed() throws Exception {
        JsonNode health = JSON.readTree(server.get("/health").body());
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("model").asText()).isEqualTo("offline");
        assertThat(health.path("store").asText()).startsWith("h2");
    }

    @Test
    void aQuietStreamSendsKeepaliveCommentsAndEachEventArrivesWhileTheRunIsStillGoing() throws Exception {
        try (var slow = TestServer.start(Map.of("HEARTBEAT_SECONDS", "1", "OFFLINE_CHUNK_DELAY_MS", "1300"))) {
            var stream = slow.stream(CHAT_STREAM, body("Plume, reformule : un deux trois.", "auto"));
            String runId = stream.assertNext("start").path("run_id").asText();
            stream.assertNext("routing");
            stream.assertNext("processing");
            assertThat(stream.take()).isEqualTo(new SseRecorder.Item.Comment("keepalive"));
            stream.assertNext("agent_delta");
            JsonNode run = JSON.readTree(slow.get("/api/v1/runs/" + runId).body());
            assertThat(run.path("status").asText()).as("the first delta arrived before the run ended").isEqualTo("running");
            slow.post("/api/v1/runs/" + runId + "/cancel", "");
            assertThat(stream.readToEnd().getLast().path("type").asText()).isEqualTo("cancelled");
        }
    }

    /** agent_delta events of one message, then its agent_message: the deltas concatenate to its content. */
    static JsonNode assertOneMessage(SseRecorder stream, String agent, String to) {
        var deltas = new StringBuilder();
        String messageId = null;
        while (true) {
            SseRecorder.Item item = stream.next();
            assertThat(item).isInstanceOf(SseRecorder.Item.Event.class);
            JsonNode event = ((SseRecorder.Item.Event) item).json();
            String type = event.path("type").asText();
            if (type.equals("agent_action") || type.equals("warning")) {
                continue;
            }
            assertThat(event.path("agent").asText()).as(type + " agent").isEqualTo(agent);
            assertThat(event.path("to").asText()).as(type + " to").isEqualTo(to);
            messageId = messageId == null ? event.path("message_id").asText() : messageId;
            assertThat(event.path("message_id").asText()).isEqualTo(messageId);
            if (type.equals("agent_delta")) {
                deltas.append(event.path("delta").asText());
                continue;
            }
            assertThat(type).isEqualTo("agent_message");
            assertThat(event.path("content").asText()).isEqualTo(deltas.toString()).isNotBlank()
                    .isEqualTo(event.path("message").asText());
            return event;
        }
    }

    static void assertProcessing(JsonNode event, String node, String status) {
        assertThat(event.path("node").asText()).isEqualTo(node);
        assertThat(event.path("status").asText()).isEqualTo(status);
    }

    /** seq 1, 2, 3... without gaps, one run id, a timestamp on each. */
    static void assertContiguous(List<JsonNode> events) {
        List<Long> seqs = new ArrayList<>();
        var runIds = new LinkedHashMap<String, Integer>();
        for (JsonNode event : events) {
            seqs.add(event.path("seq").asLong());
            runIds.merge(event.path("run_id").asText(), 1, Integer::sum);
            assertThat(event.path("timestamp").asText()).endsWith("Z");
        }
        assertThat(seqs).isEqualTo(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(runIds).hasSize(1);
    }

    static String body(String message, String mode) {
        return JSON.createObjectNode().put("message", message).put("mode", mode).toString();
    }
}
