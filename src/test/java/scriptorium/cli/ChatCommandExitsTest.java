package scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import scriptorium.Main;
import scriptorium.llm.ChatModel;
import scriptorium.testing.CuttableProxy;
import scriptorium.testing.TestServer;

/** {@code scriptorium chat}'s resume loop and its exit codes: 0 complete, 1 error, 3 cancelled. */
@Timeout(60)
class ChatCommandExitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN_ID = Pattern.compile("\"run_id\":\"(r-[^\"]+)\"");

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("OFFLINE_CHUNK_DELAY_MS", "20"));

    @Test
    void aConnectionCutMidRunIsResumedAndEveryEventIsPrintedOnceThenExitZero() throws Exception {
        try (var proxy = new CuttableProxy(server.uri("").getPort())) {
            var chat = Cli.start("chat", "Plume et Mimir, comparez Java et Python", "--raw",
                    "--url", "http://127.0.0.1:" + proxy.port());
            chat.awaitOutput(out -> out.contains("\"type\":\"agent_delta\""));
            assertThat(proxy.cutAll()).isPositive();
            assertThat(chat.exit()).isZero();
            List<JsonNode> events = chat.out().lines().map(ChatCommandExitsTest::json).toList();
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).path("seq").asLong()).as("event %d", i).isEqualTo(i + 1);
            }
            assertThat(events.getLast().path("type").asText()).isEqualTo("complete");
            assertThat(chat.err()).contains("connection lost", "resuming");
            assertThat(proxy.accepted()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aCancelledRunExitsThree() throws Exception {
        var chat = Cli.start("chat", "Plume et Mimir, discutez longuement de la documentation", "--raw",
                "--url", server.uri("").toString());
        chat.awaitOutput(out -> RUN_ID.matcher(out).find());
        Matcher runId = RUN_ID.matcher(chat.out());
        assertThat(runId.find()).isTrue();
        assertThat(server.post("/api/v1/runs/" + runId.group(1) + "/cancel", "").statusCode()).isEqualTo(202);
        assertThat(chat.exit()).isEqualTo(3);
        assertThat(chat.out().lines().toList().getLast()).contains("\"type\":\"cancelled\"");
    }

    @Test
    void aFailedRunExitsOne() throws Exception {
        ChatModel failing = (request, sink) -> {
            throw new IllegalStateException("broken on purpose");
        };
        try (var failingServer = TestServer.start(Map.of(), failing)) {
            var chat = Cli.start("chat", "Mimir, cherche Java", "--url", failingServer.uri("").toString());
            assertThat(chat.exit()).isEqualTo(1);
            assertThat(chat.out() + chat.err()).contains("internal");
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** One {@code scriptorium} command run in this JVM on a thread of its own, its output captured as it comes. */
    private record Cli(Future<Integer> exitCode, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {

        static Cli start(String... args) {
            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            var command = new CommandLine(new Main())
                    .setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8))
                    .setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            var threads = Executors.newVirtualThreadPerTaskExecutor();
            Future<Integer> exit = threads.submit(() -> {
                PrintStream oldOut = System.out;
                PrintStream oldErr = System.err;
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                try {
                    return command.execute(args);
                } finally {
                    System.setOut(oldOut);
                    System.setErr(oldErr);
                }
            });
            threads.shutdown();
            return new Cli(exit, out, err);
        }

        void awaitOutput(Predicate<String> seen) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!seen.test(out()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(out()).as("the command's output so far").matches(seen);
        }

        int exit() throws Exception {
            return exitCode.get(30, TimeUnit.SECONDS);
        }

        String out() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }
}
