package scriptorium.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scriptorium.config.Settings;
import scriptorium.testing.TestServer;

/** What a server finds when it starts again on the same data. */
class RestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunLeftRunningByAServerThatDiedIsInterruptedAtTheNextStartAndOldConversationsRemain() throws Exception {
        try (var server = TestServer.start(Map.of())) {
            var done = server.post("/api/v1/chat/orchestrated", "{\"message\": \"Plume, note que la base tient.\"}");
            String session = JSON.readTree(done.body()).path("session_id").asText();
            server.close();

            // What a kill -9 leaves behind: a run row still marked running.
            var settings = Settings.from(Map.of("SCRIPTORIUM_DATA", server.dataDir().toString()));
            try (var database = Database.open(settings.store())) {
                new RunStore(database.dataSource(), database.writes()).starting("r-crashed", scriptorium.store.UserStore.LOCAL_OWNER, "auto", new StoredMessage("m-crashed",
                        "s-crashed", "r-crashed", "user", "user", StoredMessage.Kind.QUESTION,
                        "a run that never ended", 0, 0, false, Instant.now()), true).join();
            }

            server.restart();
            JsonNode run = JSON.readTree(server.get("/api/v1/runs/r-crashed").body());
            assertThat(run.path("status").asText()).isEqualTo("interrupted");
            assertThat(run.path("error").path("code").asText()).isEqualTo("interrupted");
            JsonNode conversation = JSON.readTree(server.get("/api/v1/conversations/" + session).body());
            assertThat(conversation.path("messages")).hasSize(2);
            var next = server.post("/api/v1/chat/orchestrated", "{\"message\": \"Mimir, cherche la base\"}");
            assertThat(next.statusCode()).isEqualTo(200);
        }
    }
}
