package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.http.StreamingProtocolTest.body;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.SseRecorder;
import scriptorium.testing.TestServer;

/**
 * The store path cannot freeze: PostgreSQL stopped during runs, every run still ends with one terminal event, new
 * runs fail fast with `store_unavailable`, and once PostgreSQL is back the server works again by itself.
 */
@Timeout(120)
class DatabaseOutageTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClassOnPostgres(
            Map.of("STORE_TIMEOUT_SECONDS", "2", "OFFLINE_CHUNK_DELAY_MS", "10"));

    @Test
    void runsEndCleanlyWhileTheDatabaseIsDownAndTheServerRecoversWhenItIsBack() throws Exception {
        assertThat(lastType(server.stream(CHAT_STREAM, body("Plume, note : avant la panne", "auto")).readToEnd()))
                .isEqualTo("complete");

        List<SseRecorder> during = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var stream = server.stream(CHAT_STREAM, body("Plume et Mimir, discutez de la panne " + i, "auto"));
            stream.assertNext("start");
            stream.assertNext("routing"); // past its stored start: the outage hits it mid-run
            during.add(stream);
        }
        server.postgres().stop();
        for (var stream : during) { // its outcome cannot be stored, yet the run ends with one terminal event and [DONE]
            List<JsonNode> events = stream.readToEnd();
            assertThat(events.stream().filter(DatabaseOutageTest::terminal).count()).isEqualTo(1);
            assertThat(events.getLast().path("type").asText()).isEqualTo("complete");
            System.out.println("run during the outage: " + events.size() + " events, ended with "
                    + events.getLast().path("type").asText() + " " + events.getLast().path("code").asText(""));
        }

        long started = System.nanoTime();
        List<JsonNode> refused = server.stream(CHAT_STREAM, body("Plume, note : pendant la panne", "auto")).readToEnd();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("run while the database is down: " + refused.stream().map(e -> e.path("type").asText())
                .toList() + " " + refused.getLast() + " in " + took.toMillis() + " ms");
        assertThat(refused).extracting(e -> e.path("type").asText()).containsExactly("start", "error");
        assertThat(refused.getLast().path("code").asText()).isEqualTo("store_unavailable");
        assertThat(refused.getLast().path("retryable").asBoolean()).isTrue();
        assertThat(took).isLessThan(Duration.ofSeconds(10));

        server.postgres().resume();
        String outcome = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int attempts = 0;
        while (!"complete".equals(outcome) && System.nanoTime() < deadline) {
            attempts++;
            outcome = lastType(server.stream(CHAT_STREAM, body("Plume, note : après la panne", "auto")).readToEnd());
        }
        System.out.println("database back: a run completed after " + attempts + " attempt(s)");
        assertThat(outcome).isEqualTo("complete");
        assertThat(server.get("/api/v1/notes").statusCode()).isEqualTo(200);
    }

    private static boolean terminal(JsonNode event) {
        return List.of("complete", "error", "cancelled").contains(event.path("type").asText());
    }

    private static String lastType(List<JsonNode> events) {
        return events.getLast().path("type").asText();
    }
}
