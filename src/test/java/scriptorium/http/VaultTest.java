package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/**
 * Issue 14, the live vault: real files in a temporary folder, the real server over HTTP. A file created, changed,
 * renamed or deleted is followed by the archive within 2 s (asserted with a margin for a loaded machine), links
 * between notes resolve both ways, and an edit made in Scriptorium is written back to its file.
 */
class VaultTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Within 2 s, plus a margin for a shared, loaded test machine. */
    static final Duration FOLLOWS_WITHIN = Duration.ofSeconds(4);
    static final Path VAULT = vault(Map.of(
            "Accueil.md", "# Accueil\n\nPoint de départ : [[Recettes]].\n",
            "Recettes.md", "---\ntitle: Recettes\ntags: [cuisine]\n---\nLes recettes de la maison.\n",
            ".obsidian/workspace.md", "caché, jamais importé"));

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("VAULT_PATH", VAULT.toString()));

    @BeforeAll
    static void firstSyncIsOver() {
        await("the first sync", () -> json(server.get("/api/v1/vault")).path("state").asText().equals("watching")
                ? Optional.of(true) : Optional.empty(), Duration.ofSeconds(30));
    }

    @Test
    void theFirstSyncImportsTheFolderAsNotesByTheVaultAndSaysSo() {
        JsonNode vault = json(server.get("/api/v1/vault"));
        assertThat(vault.path("folder").asText()).isEqualTo(VAULT.toString());
        assertThat(vault.path("imported").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(vault.path("first_sync_ms").asLong()).isPositive();
        String id = noteTitled("Recettes").orElseThrow();
        JsonNode note = json(server.get("/api/v1/notes/" + id));
        assertThat(note.path("source").asText()).isEqualTo("vault");
        assertThat(note.path("tags").get(0).asText()).isEqualTo("cuisine");
        JsonNode revision = json(server.get("/api/v1/notes/" + id + "/revisions")).path("revisions").get(0);
        assertThat(revision.path("author").asText()).isEqualTo("vault");
        assertThat(noteTitled("workspace")).as("hidden folders are not read").isEmpty();
    }

    @Test
    void aFileCreatedChangedRenamedAndDeletedIsFollowedByItsNote() throws Exception {
        long started = System.nanoTime();
        write("Volcans.md", "# Volcans\n\nLes volcans d'Islande crachent des cendres zorglub.\n");
        String id = await("the new file searchable", () -> searchFirst("zorglub"), FOLLOWS_WITHIN);
        System.out.printf("vault: file written → searchable in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        write("Volcans.md", "# Volcans\n\nLes volcans d'Islande crachent des cendres zorglub et de la lave.\n");
        await("the change", () -> content(id).filter(c -> c.contains("lave")), FOLLOWS_WITHIN);
        JsonNode revisions = json(server.get("/api/v1/notes/" + id + "/revisions")).path("revisions");
        assertThat(revisions).extracting(r -> r.path("author").asText()).containsExactly("vault", "vault");
        assertThat(revisions.get(0).path("summary").asText()).isEqualTo("changed in the vault");

        int moved = json(server.get("/api/v1/vault")).path("moved").asInt();
        Files.createDirectories(VAULT.resolve("geographie"));
        Files.move(VAULT.resolve("Volcans.md"), VAULT.resolve("geographie/Volcans.md"));
        await("the rename", () -> json(server.get("/api/v1/vault")).path("moved").asInt() > moved
                ? Optional.of(true) : Optional.empty(), FOLLOWS_WITHIN);
        assertThat(server.get("/api/v1/notes/" + id).statusCode()).as("a renamed file keeps its note").isEqualTo(200);
        assertThat(json(server.get("/api/v1/notes/" + id)).path("version").asLong()).isEqualTo(2);

        deleteFolder(VAULT.resolve("geographie")); // the folder and its file, in one go
        await("the deletion", () -> server.get("/api/v1/notes/" + id).statusCode() == 404
                ? Optional.of(true) : Optional.empty(), FOLLOWS_WITHIN);
        assertThat(json(server.get("/api/v1/trash")).path("notes").toString()).contains(id);
    }

    @Test
    void wikilinksAndRelativeLinksResolveToNotesBothWays() throws Exception {
        write("Cuisine.md", "# Cuisine\n\nVoir [[Pain|le pain]], [[Levain#Nourrir]], [la farine](ingredients/Farine.md)"
                + " et [[Inconnu]].\n\n```\n[[PasUnLien]]\n```\n");
        write("Pain.md", "# Pain\n\nFarine, eau, sel.\n");
        write("levain-du-jour.md", "---\ntitle: Levain\n---\nNourri chaque matin.\n");
        write("ingredients/Farine.md", "# Farine\n\nDe blé. Retour à [la cuisine](../Cuisine.md).\n");
        String boulange = json(server.post("/api/v1/notes", """
                {"title": "Boulange", "content": "Tout commence par [[pain]]."}""")).path("id").asText();
        String cuisine = await("the files", () -> noteTitled("Farine").flatMap(f -> noteTitled("Levain"))
                .flatMap(l -> noteTitled("Pain")).flatMap(p -> noteTitled("Cuisine")), FOLLOWS_WITHIN);
        String pain = noteTitled("Pain").orElseThrow();

        JsonNode links = json(server.get("/api/v1/notes/" + cuisine + "/links"));
        assertThat(titles(links.path("outgoing"))).containsExactlyInAnyOrder("Pain", "Levain", "Farine");
        assertThat(titles(links.path("backlinks"))).containsExactly("Farine");
        assertThat(links.path("unresolved").toString()).contains("inconnu").doesNotContain("pasunlien");
        assertThat(titles(json(server.get("/api/v1/notes/" + pain + "/links")).path("backlinks")))
                .containsExactlyInAnyOrder("Cuisine", "Boulange");
        assertThat(titles(json(server.get("/api/v1/notes/" + boulange + "/links")).path("outgoing")))
                .containsExactly("Pain");
        assertThat(server.get("/api/v1/notes/unknown/links").statusCode()).isEqualTo(404);
    }

    @Test
    void anEditInScriptoriumIsWrittenBackToItsFileAndNotImportedAgain() throws Exception {
        write("the.md", "---\ntitle: Thé\nauteur: moi\n---\n\nLe thé vert.\n");
        String id = await("the file", () -> noteTitled("Thé"), FOLLOWS_WITHIN);
        HttpResponse<String> saved = put(id, "{\"version\": 1, \"content\": \"Le thé vert infuse deux minutes.\"}");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(read("the.md")).isEqualTo("---\ntitle: Thé\nauteur: moi\n---\n\nLe thé vert infuse deux minutes.\n");

        saved = put(id, "{\"version\": 2, \"title\": \"Thé vert\", \"tags\": [\"boisson\"]}");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(read("the.md")).isEqualTo(
                "---\ntitle: \"Thé vert\"\ntags: [\"boisson\"]\nauteur: moi\n---\n\nLe thé vert infuse deux minutes.\n");

        Thread.sleep(1500); // the watcher has seen both writes by now: they are what it knows, so nothing changes
        JsonNode revisions = json(server.get("/api/v1/notes/" + id + "/revisions")).path("revisions");
        assertThat(revisions).extracting(r -> r.path("author").asText()).containsExactly("user", "user", "vault");
    }

    @Test
    void aFileThatIsNotTextIsSkippedAndNamedInTheCount() throws Exception {
        int skipped = json(server.get("/api/v1/vault")).path("skipped").asInt();
        Files.write(VAULT.resolve("binaire.md"), new byte[] {'#', ' ', 'x', 0, 1, 2, (byte) 0xff, (byte) 0xfe});
        await("the skip", () -> json(server.get("/api/v1/vault")).path("skipped").asInt() > skipped
                ? Optional.of(true) : Optional.empty(), FOLLOWS_WITHIN);
        assertThat(noteTitled("binaire")).isEmpty();
    }

    static Path vault(Map<String, String> files) {
        try {
            Path vault = Files.createTempDirectory("scriptorium-vault").toRealPath();
            for (var file : files.entrySet()) {
                Path path = vault.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return vault;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(String path, String text) throws IOException {
        Path file = VAULT.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static void deleteFolder(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static String read(String path) throws IOException {
        return Files.readString(VAULT.resolve(path));
    }

    static HttpResponse<String> put(String id, String body) {
        return server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/notes/" + id))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Polls {@code found} until it gives something, failing past {@code within}. */
    static <T> T await(String what, Supplier<Optional<T>> found, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<T> value = found.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not seen within " + within.toMillis() + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static Optional<String> noteTitled(String title) {
        for (JsonNode note : json(server.get("/api/v1/notes?limit=100")).path("notes")) {
            if (note.path("title").asText().equals(title)) {
                return Optional.of(note.path("id").asText());
            }
        }
        return Optional.empty();
    }

    static Optional<String> searchFirst(String words) {
        JsonNode results = json(server.get("/api/v1/search?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8)))
                .path("results");
        return results.isEmpty() ? Optional.empty() : Optional.of(results.get(0).path("note_id").asText());
    }

    static Optional<String> content(String id) {
        return Optional.of(json(server.get("/api/v1/notes/" + id)).path("content").asText());
    }

    static List<String> titles(JsonNode linked) {
        return java.util.stream.StreamSupport.stream(linked.spliterator(), false)
                .map(l -> l.path("title").asText()).toList();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
