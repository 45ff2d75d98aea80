package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/** Issue 14: every change to a note is a revision; undo restores one as a new revision; deletion is a trash. */
class NoteHistoryApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @Test
    void everyChangeIsARevisionWithItsAuthorAndDiffAndUndoIsANewRevision() throws Exception {
        String id = json(server.post("/api/v1/notes", """
                {"title": "Pain", "content": "Farine\\neau\\nsel", "tags": ["cuisine"]}""")).get("id").asText();
        put(id, 1, "{\"content\": \"Farine\\neau tiède\\nsel\\nlevain\", \"version\": 1}");
        put(id, 2, "{\"title\": \"Pain au levain\", \"tags\": [\"cuisine\", \"levain\"], \"version\": 2}");

        JsonNode revisions = json(server.get("/api/v1/notes/" + id + "/revisions")).get("revisions");
        assertThat(revisions).extracting(r -> r.get("revision").asLong()).containsExactly(3L, 2L, 1L);
        assertThat(revisions).extracting(r -> r.get("author").asText()).containsOnly("user");
        assertThat(revisions).extracting(r -> r.get("summary").asText()).containsExactly("edited", "edited", "created");
        assertThat(revisions.get(0).get("title").asText()).isEqualTo("Pain au levain");

        JsonNode second = json(server.get("/api/v1/notes/" + id + "/revisions/2"));
        assertThat(second.get("content").asText()).isEqualTo("Farine\neau tiède\nsel\nlevain");
        assertThat(second.get("diff").asText()).contains("--- revision 1", "+++ revision 2", "-eau", "+eau tiède",
                "+levain").doesNotContain("-Farine");
        assertThat(json(server.get("/api/v1/notes/" + id + "/revisions/3")).get("diff").asText())
                .contains("-title: Pain", "+title: Pain au levain", "+tags: cuisine, levain");

        // Undo the content change: revision 1 comes back as revision 4; nothing before is rewritten.
        JsonNode restored = json(server.post("/api/v1/notes/" + id + "/restore", "{\"revision\": 1}"));
        assertThat(restored.get("version").asLong()).isEqualTo(4);
        assertThat(restored.get("content").asText()).isEqualTo("Farine\neau\nsel");
        assertThat(restored.get("title").asText()).isEqualTo("Pain");
        JsonNode fourth = json(server.get("/api/v1/notes/" + id + "/revisions/4"));
        assertThat(fourth.get("summary").asText()).isEqualTo("restored revision 1");
        assertThat(json(server.get("/api/v1/notes/" + id + "/revisions/2")).get("content").asText())
                .isEqualTo("Farine\neau tiède\nsel\nlevain");
    }

    @Test
    void aNoteWrittenByPlumeInARunNamesTheAgentAndTheRun() throws Exception {
        List<JsonNode> events = server.stream(CHAT_STREAM,
                "{\"message\": \"Plume, note que le levain se nourrit chaque jour.\"}").readToEnd();
        JsonNode result = events.getLast().get("result");
        String id = result.get("note_ids").get(0).asText();
        String runId = result.get("run_id").asText();

        JsonNode first = json(server.get("/api/v1/notes/" + id + "/revisions")).get("revisions").get(0);
        assertThat(first.get("author").asText()).isEqualTo("plume");
        assertThat(first.get("run_id").asText()).isEqualTo(runId);
        JsonNode byRun = json(server.get("/api/v1/runs/" + runId + "/revisions")).get("revisions");
        assertThat(byRun).extracting(r -> r.get("note_id").asText()).containsExactly(id);
    }

    @Test
    void aDeletedNoteGoesToTheTrashOutOfSearchAndComesBackAsANewRevision() throws Exception {
        String id = json(server.post("/api/v1/notes", """
                {"title": "Volcans", "content": "Les volcans d'Islande crachent des cendres."}""")).get("id").asText();
        assertThat(server.delete("/api/v1/notes/" + id).statusCode()).isEqualTo(204);

        assertThat(server.get("/api/v1/notes/" + id).statusCode()).isEqualTo(404);
        assertThat(json(server.get("/api/v1/search?q=volcans%20Islande")).get("results").toString()).doesNotContain(id);
        JsonNode trash = json(server.get("/api/v1/trash")).get("notes");
        assertThat(trash).extracting(n -> n.get("id").asText()).contains(id);
        assertThat(trash.get(0).get("purged_after").asText()).isNotBlank();
        assertThat(json(server.get("/api/v1/notes/" + id + "/revisions")).get("revisions")).hasSize(1);

        JsonNode back = json(server.post("/api/v1/trash/" + id + "/restore", "{}"));
        assertThat(back.get("version").asLong()).isEqualTo(2);
        assertThat(json(server.get("/api/v1/notes/" + id)).get("content").asText()).contains("volcans");
        assertThat(json(server.get("/api/v1/search?q=volcans%20Islande")).get("results").get(0).get("note_id").asText())
                .isEqualTo(id);
        assertThat(json(server.get("/api/v1/notes/" + id + "/revisions")).get("revisions").get(0).get("summary")
                .asText()).isEqualTo("restored from the trash");
        assertThat(server.post("/api/v1/trash/" + id + "/restore", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void badRevisionsAreRefusedNamingTheField() throws Exception {
        String id = json(server.post("/api/v1/notes", "{\"title\": \"T\", \"content\": \"c\"}")).get("id").asText();
        assertError(server.get("/api/v1/notes/" + id + "/revisions/zero"), 400, "n: must be a revision number");
        assertError(server.get("/api/v1/notes/" + id + "/revisions/7"), 404, "has no revision 7");
        assertError(server.post("/api/v1/notes/" + id + "/restore", "{}"), 400, "revision: required");
        assertError(server.post("/api/v1/notes/" + id + "/restore", "{\"revision\": \"1\"}"), 400, "revision:");
        assertError(server.post("/api/v1/notes/" + id + "/restore", "{\"revision\": 9}"), 404, "has no revision 9");
        assertError(server.get("/api/v1/notes/nope/revisions"), 404, "does not exist");
    }

    private static void put(String id, long version, String body) {
        var response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/notes/" + id))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("version").asLong()).isEqualTo(version + 1);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains(message);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            assertThat(response.statusCode()).as(response.body()).isLessThan(300);
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
