package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.http.StreamingProtocolTest.assertContiguous;
import static scriptorium.http.StreamingProtocolTest.body;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.SseRecorder;
import scriptorium.testing.TestServer;

/** PROTOCOL §4.4 and §5: a run outlives its connection, is resumed by seq, and can be cancelled. */
class ResumeAndCancelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DISCUSSION = body("Plume et Mimir, comparez Java et Python pour un débutant.", "auto");
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("OFFLINE_CHUNK_DELAY_MS", "15"));

    @Test
    void aClientThatDisconnectsMidRunResumesWithLastEventIdAndGetsEachEventOnce() throws Exception {
        var first = server.stream(CHAT_STREAM, DISCUSSION);
        JsonNode start = first.assertNext("start");
        String runId = start.path("run_id").asText();
        for (int i = 0; i < 10; i++) {
            first.next();
        }
        first.close();
        long lastSeen = first.events().getLast().path("seq").asLong();

        awaitStatus(runId, "completed"); // the run went on with no reader at all
        var resumed = server.follow("/api/v1/runs/" + runId + "/stream", lastSeen);
        List<JsonNode> rest = resumed.readToEnd();
        assertThat(rest.getFirst().path("seq").asLong()).isEqualTo(lastSeen + 1);

        List<JsonNode> all = new ArrayList<>(first.events());
        all.addAll(rest);
        assertContiguous(all);
        assertThat(all.getLast().path("type").asText()).isEqualTo("complete");
        String synthesis = all.getLast().path("result").path("response").asText();
        String streamed = all.stream()
                .filter(e -> e.path("type").asText().equals("agent_delta") && e.path("to").asText().equals("user"))
                .map(e -> e.path("delta").asText()).reduce("", String::concat);
        assertThat(streamed).isEqualTo(synthesis);
    }

    @Test
    void aLiveRunCanBeFollowedFromTheStartWhileItRunsWithAfterInTheQuery() {
        var origin = server.stream(CHAT_STREAM, DISCUSSION);
        String runId = origin.assertNext("start").path("run_id").asText();
        var viewer = server.follow("/api/v1/runs/" + runId + "/stream?after=1", null);
        List<JsonNode> seen = viewer.readToEnd();
        List<JsonNode> original = origin.readToEnd();
        assertThat(seen).isEqualTo(original.subList(1, original.size()));
    }

    @Test
    void aClientThatAlreadyHasTheTerminalEventGetsDoneAtOnce() {
        List<JsonNode> events = server.stream(CHAT_STREAM, body("Mimir, cherche Java", "auto")).readToEnd();
        String runId = events.getFirst().path("run_id").asText();
        long last = events.getLast().path("seq").asLong();
        var again = server.follow("/api/v1/runs/" + runId + "/stream", last);
        again.assertDone();
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aLastEventIdPastTheLastEventIsRefusedBeforeAnyStreamLiveOrEnded() throws Exception {
        var live = server.stream(CHAT_STREAM, DISCUSSION);
        String liveId = live.assertNext("start").path("run_id").asText();
        var refused = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/runs/" + liveId + "/stream"))
                .header("Last-Event-ID", "100000").GET().build());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("bad_last_event_id");
        List<JsonNode> events = live.readToEnd();
        long last = events.getLast().path("seq").asLong();
        var past = server.get("/api/v1/runs/" + liveId + "/stream?after=" + (last + 1));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(past.body()).path("error").path("message").asText())
                .contains(Long.toString(last + 1)).contains("seq " + last);
    }

    @Test
    void everyStreamOpensWithTheRetryFrameSoEventSourceReconnectsWithinASecond() {
        var stream = server.stream(CHAT_STREAM, body("Mimir, cherche Java", "auto"));
        stream.readToEnd();
        assertThat(stream.firstLine()).isEqualTo("retry: 1000");
        var resumed = server.follow("/api/v1/runs/" + stream.events().getFirst().path("run_id").asText() + "/stream", 1L);
        resumed.readToEnd();
        assertThat(resumed.firstLine()).isEqualTo("retry: 1000");
    }

    @Test
    void anUnknownRunIs404Json() throws Exception {
        var response = server.get("/api/v1/runs/r-nope/stream");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("not_found");
        assertThat(server.get("/api/v1/runs/r-nope").statusCode()).isEqualTo(404);
        assertThat(server.post("/api/v1/runs/r-nope/cancel", "").statusCode()).isEqualTo(404);
    }

    @Test
    void cancellingALiveRunEndsItsStreamWithCancelledThenDone() throws Exception {
        var stream = server.stream(CHAT_STREAM, DISCUSSION);
        String runId = stream.assertNext("start").path("run_id").asText();
        stream.assertNext("routing");
        stream.assertNext("processing");
        stream.assertNext("agent_delta");
        var cancel = server.post("/api/v1/runs/" + runId + "/cancel", "");
        assertThat(cancel.statusCode()).isEqualTo(202);
        List<JsonNode> events = stream.readToEnd();
        JsonNode last = events.getLast();
        assertThat(last.path("type").asText()).isEqualTo("cancelled");
        assertThat(last.path("reason").asText()).isEqualTo("cancelled by the user");
        assertThat(events).filteredOn(e -> e.path("type").asText().equals("complete")).isEmpty();
        assertContiguous(events);
        // Once a client has the terminal event, the run's status says how it ended, stored or not yet.
        assertThat(JSON.readTree(server.get("/api/v1/runs/" + runId).body()).path("status").asText())
                .isEqualTo("cancelled");
        assertThat(server.post("/api/v1/runs/" + runId + "/cancel", "").statusCode()).isEqualTo(409);
    }

    @Test
    void theCancelledRunKeepsWhatWasWrittenAsAnIncompleteMessage() throws Exception {
        var stream = server.stream(CHAT_STREAM, body("Plume, reformule : la mer est calme ce soir, les bateaux rentrent.", "auto"));
        JsonNode start = stream.assertNext("start");
        stream.assertNext("routing");
        stream.assertNext("processing");
        stream.assertNext("agent_delta");
        server.post("/api/v1/runs/" + start.path("run_id").asText() + "/cancel", "");
        stream.readToEnd();
        JsonNode conversation = JSON.readTree(server.get("/api/v1/conversations/"
                + start.path("session_id").asText()).body());
        JsonNode kept = conversation.path("messages").get(1);
        assertThat(kept.path("author").asText()).isEqualTo("plume");
        assertThat(kept.path("incomplete").asBoolean()).isTrue();
        assertThat(kept.path("content").asText()).isNotBlank();
    }

    /** Asks for the run's status until it is {@code status}: the run goes on with no reader to record it. */
    static void awaitStatus(String runId, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = JSON.readTree(server.get("/api/v1/runs/" + runId).body()).path("status").asText();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("run " + runId + " is " + seen + ", not " + status);
    }
}
