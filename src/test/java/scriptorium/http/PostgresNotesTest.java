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
    static final TestServer server = TestServer.perClassOnPostgres(java.util.Map.of("VAULT_PATH",
            VaultTest.vault(java.util.Map.of("carnet/Index.md", "# Index\n\nVoir [[Réplication PostgreSQL]] et"
                    + " [l'autre](Autre.md).\n", "carnet/Autre.md", "# Autre\n\nRien.\n")).toString()));

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

    @Test
    void linksResolveAndAVaultFolderDeletedSendsItsNotesToTheTrashOnPostgres() throws Exception {
        String target = JSON.readTree(server.post("/api/v1/notes", """
                {"title": "Réplication PostgreSQL", "content": "Un autre titre."}""").body()).get("id").asText();
        JsonNode backlinks = VaultTest.await("the vault's notes", () -> java.util.Optional.of(VaultTest.json(
                        server.get("/api/v1/notes/" + target + "/links")).path("backlinks"))
                .filter(b -> !b.isEmpty()), java.time.Duration.ofSeconds(30));
        assertThat(backlinks.get(0).get("title").asText()).isEqualTo("Index");
        String index = backlinks.get(0).get("note_id").asText();
        assertThat(JSON.readTree(server.get("/api/v1/notes/" + index + "/links").body()).path("outgoing"))
                .extracting(n -> n.get("title").asText()).containsExactlyInAnyOrder("Réplication PostgreSQL", "Autre");

        VaultTest.deleteFolder(java.nio.file.Path.of(JSON.readTree(server.get("/api/v1/vault").body())
                .path("folder").asText()).resolve("carnet"));
        VaultTest.await("the folder's deletion", () -> java.util.Optional.of(server.get("/api/v1/notes/" + index))
                .filter(r -> r.statusCode() == 404), java.time.Duration.ofSeconds(10));
    }

    @Test
    void historyDiffsUndoAndTheTrashWorkOnPostgres() throws Exception {
        String id = JSON.readTree(server.post("/api/v1/notes", """
                {"title": "Sauvegardes", "content": "pg_dump chaque nuit.\\nCopie hors site."}""").body())
                .get("id").asText();
        for (int version = 1; version <= 21; version++) { // past a snapshot: revision 21 is one, 22 a patch
            var put = HttpRequest.newBuilder(server.uri("/api/v1/notes/" + id))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"version\": " + version + ", \"content\": \"pg_dump chaque nuit.\\nCopie " + version
                                    + ".\"}")).build();
            assertThat(server.send(put).statusCode()).isEqualTo(200);
        }
        JsonNode revision = JSON.readTree(server.get("/api/v1/notes/" + id + "/revisions/22").body());
        assertThat(revision.get("content").asText()).isEqualTo("pg_dump chaque nuit.\nCopie 21.");
        assertThat(revision.get("diff").asText()).contains("-Copie 20.", "+Copie 21.");
        assertThat(server.post("/api/v1/notes/" + id + "/restore", "{\"revision\": 1}").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(server.get("/api/v1/notes/" + id).body()).get("content").asText())
                .isEqualTo("pg_dump chaque nuit.\nCopie hors site.");

        assertThat(server.delete("/api/v1/notes/" + id).statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(server.get("/api/v1/trash").body()).at("/notes/0/id").asText()).isEqualTo(id);
        assertThat(server.post("/api/v1/trash/" + id + "/restore", "{}").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(server.get("/api/v1/notes/" + id + "/revisions").body()).at("/revisions/0/revision")
                .asLong()).isEqualTo(24);
    }

    @Test
    void importingTheSameFilesTwiceAddsNothingTheSecondTimeOnPostgres() throws Exception {
        String files = """
                {"files": [{"path": "a.md", "content": "# Phare\\n\\nLe phare tourne."},
                           {"path": "b.md", "content": "# Port\\n\\nLe port dort."}]}""";
        var response = server.post("/api/v1/notes/import", files);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("imported").asInt()).isEqualTo(2);
        JsonNode second = JSON.readTree(server.post("/api/v1/notes/import", files).body());
        assertThat(second.get("imported").asInt()).isZero();
        assertThat(second.get("skipped").asInt()).isEqualTo(2);
    }
}
