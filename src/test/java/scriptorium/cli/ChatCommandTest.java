package scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import scriptorium.Main;
import scriptorium.testing.TestServer;

/** {@code scriptorium chat} against the real server: it prints the stream and exits by the terminal event. */
class ChatCommandTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @Test
    void aDiscussionPrintsEachAgentsTextAndASummaryLineThenExitsZero() {
        var run = run("chat", "Plume et Mimir, discutez de la documentation", "--url", url());
        assertThat(run.exit).isZero();
        assertThat(run.out).contains("» route: discussion (named:both)", "[Plume → Mimir]", "[Mimir → Plume]",
                "[Plume → User]", "— discussion · ");
    }

    @Test
    void theCommandReadWithoutPicocliPrintsTheSameTranscript() {
        var run = run(() -> ChatCommand.direct(new String[] {"chat", "Plume et Mimir, discutez de la documentation",
                "--url", url()}).orElseThrow().call());
        assertThat(run.exit).isZero();
        assertThat(run.out).contains("» route: discussion (named:both)", "[Plume → Mimir]", "[Mimir → Plume]",
                "[Plume → User]", "— discussion · ");
    }

    @Test
    void rawPrintsOneJsonEventPerLineFromStartToComplete() {
        var run = run("chat", "Mimir, cherche Lucene", "--raw", "--url", url());
        assertThat(run.exit).isZero();
        var lines = run.out.lines().toList();
        assertThat(lines.getFirst()).startsWith("{\"type\":\"start\"");
        assertThat(lines.getLast()).startsWith("{\"type\":\"complete\"");
    }

    @Test
    void mimirsCitationsArePrintedWithTheirVerdict() {
        var created = server.post("/api/v1/notes", """
                {"title": "Gouttière", "content": "La gouttière du garage fuit depuis l'orage de mardi."}""");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        var run = run("chat", "Mimir, que sais-tu de la gouttière du garage ?", "--url", url());
        assertThat(run.exit).isZero();
        // The answer names the note as [note:ID "quote"]; the line under it says whether the quotation holds.
        assertThat(run.out).contains("[note:" + id).containsPattern("  ✓ note " + id + "( “[^”]+”)?\\R");
        assertThat(run.out).doesNotContain("unverified");
    }

    @Test
    void aRefusedRequestOrAnUnreachableServerExitsNonZeroWithAClearMessage() {
        var refused = run("chat", " ", "--url", url());
        assertThat(refused.exit).isEqualTo(2);
        assertThat(refused.err).contains("400", "message: must be 1..10000");
        var unreachable = run("chat", "hello", "--url", "http://127.0.0.1:9");
        assertThat(unreachable.exit).isEqualTo(2);
        assertThat(unreachable.err).contains("cannot reach");
    }

    private static String url() {
        return server.uri("").toString();
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        return run(() -> new CommandLine(new Main()).execute(args));
    }

    private static Result run(java.util.concurrent.Callable<Integer> command) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = command.call();
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
