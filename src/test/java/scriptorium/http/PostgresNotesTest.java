package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/** The notes migration, optimistic versions and tag paging on a real PostgreSQL, and the index rebuilt from it. */
class PostgresNotesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TestServer server = TestServer.perClassOnPostgres();

    @Test
    void notesAreVersionedTaggedAndFoundAgainAfterARestart() throws Exception {
        var created = server.post("/api/v1/notes", """
                {"title": "Réplication PostgreSQL", "content": "La réplication logique publie les changements.",
                 "tags": ["postgres", "base"]}""");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        var update = HttpRequest.newBuilder(server.uri("/api/v1/notes/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"version\": 1, \"tags\": [\"postgres\"]}")).build();
        assertThat(server.send(update).statusCode()).isEqualTo(200);
        assertThat(server.send(update).statusCode()).isEqualTo(409);

        server.restart();
        JsonNode page = JSON.readTree(server.get("/api/v1/notes?tag=postgres").body());
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.at("/notes/0/tags")).hasSize(1);
        assertThat(page.at("/notes/0/created_at").asText()).isNotBlank();
        JsonNode found = JSON.readTree(server.get("/api/v1/search?q=replication").body());
        assertThat(found.at("/results/0/note_id").asText()).isEqualTo(id);
    }
}
