package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.http.StreamingProtocolTest.assertContiguous;
import static scriptorium.http.StreamingProtocolTest.body;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import scriptorium.testing.TestServer;

/** PROTOCOL §4.5: concurrent runs never see each other's events. */
class ConcurrencyTest {

    @Test
    void twentyConcurrentRunsEachStreamOnlyTheirOwnEvents() throws Exception {
        try (var server = TestServer.start(Map.of("OFFLINE_CHUNK_DELAY_MS", "2"));
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<JsonNode>>> runs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String message = switch (i % 3) {
                    case 0 -> "Plume, reformule : le sujet zeta" + i + "x est important.";
                    case 1 -> "Mimir, cherche le sujet zeta" + i + "x";
                    default -> "Plume et Mimir, discutez du sujet zeta" + i + "x";
                };
                runs.add(clients.submit(() -> server.stream(CHAT_STREAM, body(message, "auto")).readToEnd()));
            }
            var runIds = new java.util.HashSet<String>();
            for (int i = 0; i < runs.size(); i++) {
                List<JsonNode> events = runs.get(i).get();
                assertContiguous(events); // one run id per stream, seq 1..n
                assertThat(events.getLast().path("type").asText()).isEqualTo("complete");
                runIds.add(events.getFirst().path("run_id").asText());
                String text = events.getLast().path("result").path("response").asText();
                assertThat(text).contains("zeta" + i + "x");
            }
            assertThat(runIds).hasSize(20);
        }
    }
}
