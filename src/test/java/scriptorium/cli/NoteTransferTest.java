package scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import scriptorium.Main;
import scriptorium.json.Jackson;
import scriptorium.testing.TestServer;

/** {@code import} and {@code export} while the server runs go through its API; with no server, on the data folder. */
class NoteTransferTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @TempDir
    Path temp;

    @Test
    void importThroughTheRunningServerAddsTheNotesOnceAndListsTheBadFiles() throws IOException {
        Path vault = vault(temp.resolve("vault"));
        long before = total();

        var first = run("import", vault.toString(), "--url", url());
        assertThat(first.exit).as(first.err).isZero();
        assertThat(first.out).contains("imported 2 note(s), skipped 1 already in the archive, 1 failed", "through " + url())
                .contains("bad.md: not valid UTF-8 text");
        assertThat(total()).isEqualTo(before + 2);
        JsonNode found = Jackson.MAPPER.readTree(server.get("/api/v1/search?q=grimoire").body()).path("results");
        assertThat(found).extracting(hit -> hit.path("title").asText()).contains("Le grimoire");
        assertThat(found).filteredOn(hit -> hit.path("title").asText().equals("Le grimoire"))
                .allSatisfy(hit -> assertThat(hit.path("tags").toString()).contains("magie"));

        var again = run("import", vault.toString(), "--url", url());
        assertThat(again.out).contains("imported 0 note(s), skipped 3 already in the archive");
        assertThat(total()).isEqualTo(before + 2);
    }

    @Test
    void exportThroughTheRunningServerWritesEveryNoteAsMarkdownThatImportReadsBack() throws IOException {
        server.post("/api/v1/notes", "{\"title\":\"Exportée\",\"content\":\"Un texte à garder.\",\"tags\":[\"a\"]}");
        Path out = temp.resolve("out");
        var export = run("export", out.toString(), "--url", url());
        assertThat(export.exit).as(export.err).isZero();
        long notes = total();
        assertThat(export.out).contains("exported " + notes + " note(s)", "through " + url());
        try (Stream<Path> files = Files.list(out)) {
            List<Path> written = files.toList();
            assertThat(written).hasSize((int) notes).allMatch(file -> file.toString().endsWith(".md"));
        }
        assertThat(Files.readString(out.resolve("exportee.md")))
                .startsWith("---\ntitle: ").contains("tags: [\"a\"]", "Un texte à garder.");
        var reimport = run("import", out.toString(), "--url", url());
        assertThat(reimport.out).contains("imported 0 note(s), skipped " + notes);
    }

    @Test
    void theImportRouteNamesWhatIsWrongInABadRequest() {
        assertThat(refusal("{\"files\": \"notes.md\"}")).contains("files: required, an array");
        assertThat(refusal("{\"files\": [{\"path\": \"a.md\"}]}")).contains("files[0].content: required");
        assertThat(refusal("{\"files\": [{\"path\": \"a.md\", \"content\": \"x\"}, {\"content\": \"y\"}]}"))
                .contains("files[1].path: required");
        assertThat(refusal("[1, 2]")).contains("body: must be a JSON object");
        String tooMany = "{\"files\": [" + "{\"path\":\"a.md\",\"content\":\"x\"},".repeat(1000)
                + "{\"path\":\"a.md\",\"content\":\"x\"}]}";
        assertThat(refusal(tooMany)).contains("at most 1000");
    }

    @Test
    void aUrlGivenButUnreachableIsAnErrorNotASilentLocalImport() throws IOException {
        Path vault = vault(temp.resolve("vault"));
        var run = run("import", vault.toString(), "--url", "http://127.0.0.1:9");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("cannot reach http://127.0.0.1:9");
    }

    @Test
    void withNoServerUpImportAndExportWorkOnTheDataFolder() throws Exception {
        Path vault = vault(temp.resolve("vault"));
        Map<String, String> env = Map.of("SCRIPTORIUM_URL", "http://127.0.0.1:9",
                "SCRIPTORIUM_DATA", temp.resolve("data").toString());
        String imported = inItsOwnJvm(env, "import", vault.toString());
        assertThat(imported).contains("imported 2 note(s), skipped 1 already in the archive, 1 failed")
                .doesNotContain("through");
        String exported = inItsOwnJvm(env, "export", temp.resolve("out").toString());
        assertThat(exported).contains("exported 2 note(s)");
        assertThat(temp.resolve("out/le-grimoire.md")).exists();
    }

    /** Two good notes, the same text again under another name, a file that is not UTF-8, a hidden folder. */
    private static Path vault(Path vault) throws IOException {
        Files.createDirectories(vault.resolve(".obsidian"));
        Files.writeString(vault.resolve("grimoire.md"), "---\ntitle: Le grimoire\ntags: [magie]\n---\nUn grimoire ancien.");
        Files.writeString(vault.resolve("copie.md"), "---\ntitle: Le grimoire\ntags: [magie]\n---\nUn grimoire ancien.");
        Files.writeString(vault.resolve("recette.txt"), "La recette du pain demande du temps.");
        Files.write(vault.resolve("bad.md"), new byte[] {(byte) 0xC3, (byte) 0x28, 'x'});
        Files.writeString(vault.resolve(".obsidian/config.md"), "not a note");
        return vault;
    }

    private static long total() throws IOException {
        return Jackson.MAPPER.readTree(server.get("/api/v1/notes?limit=1").body()).path("total").asLong();
    }

    private static String refusal(String body) {
        var response = server.post("/api/v1/notes/import", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return response.body();
    }

    private static String url() {
        return server.uri("").toString().replaceAll("/+$", "");
    }

    private static String inItsOwnJvm(Map<String, String> env, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "scriptorium.Main"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
