package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scriptorium.testing.TestServer;

class NotesApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aNoteIsCreatedReadUpdatedRefusedWhenStaleAndDeleted() throws Exception {
        HttpResponse<String> created = server.post("/api/v1/notes", """
                {"title": "Recette du pain", "content": "Farine, eau, sel, levain.", "tags": ["cuisine"]}""");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode note = JSON.readTree(created.body());
        String id = note.get("id").asText();
        assertThat(note.get("version").asLong()).isEqualTo(1);
        assertThat(note.get("source").asText()).isEqualTo("user");
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/notes/" + id);

        assertThat(JSON.readTree(server.get("/api/v1/notes/" + id).body()).get("title").asText())
                .isEqualTo("Recette du pain");

        HttpResponse<String> updated = put("/api/v1/notes/" + id, """
                {"version": 1, "content": "Farine, eau, sel, levain, patience."}""");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(updated.body()).get("version").asLong()).isEqualTo(2);

        HttpResponse<String> stale = put("/api/v1/notes/" + id, """
                {"version": 1, "title": "Écrasé"}""");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).at("/error/code").asText()).isEqualTo("version_conflict");
        JsonNode kept = JSON.readTree(server.get("/api/v1/notes/" + id).body());
        assertThat(kept.get("title").asText()).isEqualTo("Recette du pain");
        assertThat(kept.get("content").asText()).endsWith("patience.");

        assertThat(server.delete("/api/v1/notes/" + id).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = server.get("/api/v1/notes/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(gone.body()).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void badNotesGetA400NamingTheFieldOrA413ForHugeContent() throws Exception {
        assertError(server.post("/api/v1/notes", "{\"content\": \"x\"}"), 400, "title: required");
        assertError(server.post("/api/v1/notes", "{\"title\": \"t\", \"content\": 3}"), 400, "content: must be a string");
        assertError(server.post("/api/v1/notes", "{\"title\": \"t\", \"content\": \"x\", \"tags\": \"a\"}"), 400,
                "tags: must be an array of strings");
        assertError(server.post("/api/v1/notes", "[1]"), 400, "body: must be a JSON object");
        assertError(server.post("/api/v1/notes", "{\"title\": \"t\", \"content\": \"" + "x".repeat(1024 * 1024 + 1)
                + "\"}"), 413, "content: must be at most 1 MiB");
        assertError(put("/api/v1/notes/n-1", "{\"title\": \"t\"}"), 400, "version: required");
        assertError(server.get("/api/v1/search"), 400, "q: required");
    }

    @Test
    void notesAreListedByTagAndPaged() throws Exception {
        for (int i = 1; i <= 3; i++) {
            server.post("/api/v1/notes", "{\"title\": \"Voyage " + i + "\", \"content\": \"étape " + i
                    + "\", \"tags\": [\"voyage\"]}");
        }
        server.post("/api/v1/notes", "{\"title\": \"Autre\", \"content\": \"rien\"}");
        JsonNode page = JSON.readTree(server.get("/api/v1/notes?tag=voyage&limit=2&offset=0").body());
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("notes")).hasSize(2);
        assertThat(page.get("notes").get(0).get("title").asText()).isEqualTo("Voyage 3");
        assertThat(JSON.readTree(server.get("/api/v1/notes?tag=voyage&limit=2&offset=2").body()).get("notes"))
                .hasSize(1);
    }

    @Test
    void searchFindsFrenchAndEnglishNotesAndStillDoesAfterARestart() throws Exception {
        String french = id(server.post("/api/v1/notes", """
                {"title": "Programmer en Java", "content": "Le developpement d'un serveur de streaming."}"""));
        String english = id(server.post("/api/v1/notes", """
                {"title": "Gardening", "content": "Planting tomatoes and watering them every evening."}"""));

        assertThat(firstHit("programmation")).isEqualTo(french);
        assertThat(firstHit("d%C3%A9veloppement")).isEqualTo(french);
        assertThat(firstHit("planted+tomato")).isEqualTo(english);
        JsonNode hit = JSON.readTree(server.get("/api/v1/search?q=tomatoes&limit=1").body()).at("/results/0");
        assertThat(hit.get("snippet").asText()).contains("**tomatoes**");
        assertThat(hit.get("text_score").asDouble()).isPositive();
        assertThat(hit.has("vector_score")).isTrue();

        server.restart();
        assertThat(firstHit("programmation")).isEqualTo(french);
        assertThat(firstHit("tomatoes")).isEqualTo(english);
    }

    private String firstHit(String query) throws Exception {
        HttpResponse<String> response = server.get("/api/v1/search?q=" + query);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/results/0/note_id").asText();
    }

    private static String id(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private HttpResponse<String> put(String path, String json) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static void assertError(HttpResponse<String> response, int status, String messageStart) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).startsWith(messageStart);
    }
}
