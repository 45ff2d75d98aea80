package scriptorium.store;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/** The same migrations and repositories on a real PostgreSQL, through the real server. */
class PostgresStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TestServer server = TestServer.perClassOnPostgres();

    @Test
    void runsConversationsAndMessagesAreStoredAndSurviveARestart() throws Exception {
        JsonNode health = JSON.readTree(server.get("/health").body());
        assertThat(health.path("store").asText()).isEqualTo("postgresql");

        List<JsonNode> events = server.stream(CHAT_STREAM,
                "{\"message\": \"Plume et Mimir, discutez de PostgreSQL\"}").readToEnd();
        assertThat(events.getLast().path("type").asText()).isEqualTo("complete");
        String session = events.getFirst().path("session_id").asText();
        String runId = events.getFirst().path("run_id").asText();
        server.post("/api/v1/chat/orchestrated", "{\"message\": \"Mimir, cherche PostgreSQL\", \"session_id\": \""
                + session + "\"}");

        server.restart();
        JsonNode conversation = JSON.readTree(server.get("/api/v1/conversations/" + session).body());
        assertThat(conversation.path("messages")).extracting(m -> m.path("author").asText() + ":" + m.path("kind").asText())
                .containsExactly("user:question", "plume:turn", "mimir:turn", "plume:answer", "user:question",
                        "mimir:answer");
        JsonNode run = JSON.readTree(server.get("/api/v1/runs/" + runId).body());
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("last_seq").asLong()).isEqualTo(events.getLast().path("seq").asLong());
        assertThat(server.delete("/api/v1/conversations/" + session).statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(server.get("/api/v1/conversations").body()).path("conversations")).isEmpty();
    }
}
