package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.http.VaultTest.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/**
 * Issue 14: an edit made in Scriptorium to a vault note whose file changed since it was read is refused (409
 * {@code vault_file_changed}), and neither the file nor the note changes. The vault waits 3 s of quiet here
 * (VAULT_QUIET_MS), so that the file's change is surely not imported yet when the edit arrives.
 */
class VaultWriteBackTest {

    static final Path VAULT = VaultTest.vault(Map.of("cafe.md", "# Café\n\nUn expresso serré.\n"));

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("VAULT_PATH", VAULT.toString(),
            "VAULT_QUIET_MS", "3000"));

    @Test
    void anEditOfANoteWhoseFileChangedIsRefusedAndNothingIsOverwritten() throws Exception {
        String id = VaultTest.await("the first sync", () -> note("Café"), Duration.ofSeconds(30));
        String theirs = "# Café\n\nUn expresso serré, sans sucre.\n";
        Files.writeString(VAULT.resolve("cafe.md"), theirs);

        HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/api/v1/notes/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"version\": 1, \"content\": \"Un allongé.\"}")).build());
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode error = json(refused).path("error");
        assertThat(error.path("code").asText()).isEqualTo("vault_file_changed");
        assertThat(error.path("message").asText()).contains("cafe.md", "changed", "nothing was overwritten");
        assertThat(Files.readString(VAULT.resolve("cafe.md"))).isEqualTo(theirs);
        JsonNode note = json(server.get("/api/v1/notes/" + id));
        assertThat(note.path("version").asLong()).isEqualTo(1);
        assertThat(note.path("content").asText()).isEqualTo("# Café\n\nUn expresso serré.");

        // Once the folder is quiet, the file's text is the note's; then an edit goes through to the file.
        VaultTest.await("the file's change", () -> Optional.of(json(server.get("/api/v1/notes/" + id)))
                .filter(n -> n.path("version").asLong() == 2), Duration.ofSeconds(10));
        // The note is updated a moment before the file's new hash is recorded: refused until then, never overwritten.
        HttpResponse<String> saved = VaultTest.await("the edit", () -> Optional.of(server.send(HttpRequest
                        .newBuilder(server.uri("/api/v1/notes/" + id)).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"version\": 2, \"content\": \"# Café\\n\\nUn allongé.\"}"))
                        .build())).filter(r -> r.statusCode() != 409), Duration.ofSeconds(2));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(Files.readString(VAULT.resolve("cafe.md"))).isEqualTo("# Café\n\nUn allongé.\n");
    }

    static Optional<String> note(String title) {
        for (JsonNode note : json(server.get("/api/v1/notes?limit=100")).path("notes")) {
            if (note.path("title").asText().equals(title)) {
                return Optional.of(note.path("id").asText());
            }
        }
        return Optional.empty();
    }
}
