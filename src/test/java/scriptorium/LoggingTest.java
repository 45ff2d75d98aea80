package scriptorium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.json.Jackson;

/**
 * LOG_FORMAT in any case always gives logs, in one format: each JVM here uses the production configuration
 * (LogbackConfigurator, not the tests' logback-test.xml, which only the surefire JVM is pointed at) and its whole output, stdout and stderr, is read line by line.
 */
class LoggingTest {

    private static final Pattern TEXT_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) \\S+ \\[.*");

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path data;

    @Test
    void jsonInUpperCaseGivesOneJsonObjectPerLineFromSlf4jJulAndUncaughtExceptions() throws Exception {
        List<String> lines = run(List.of("scriptorium.LoggingProbe"), Map.of("LOG_FORMAT", "JSON"));
        List<JsonNode> events = json(lines);
        assertThat(events).extracting(e -> e.path("formattedMessage").asText())
                .contains("through slf4j", "through java.util.logging", "uncaught exception in thread dying")
                .doesNotContain("fine is below info: not shown");
        assertThat(events).filteredOn(e -> e.path("loggerName").asText().equals("org.apache.lucene.probe"))
                .extracting(e -> e.path("level").asText()).containsExactly("WARN");
    }

    @Test
    void textGivesEveryLineInTheOnePatternJulIncluded() throws Exception {
        List<String> lines = run(List.of("scriptorium.LoggingProbe"), Map.of("LOG_FORMAT", "Text", "LOG_LEVEL", "INFO"));
        List<String> logLines = lines.stream().filter(line -> !line.startsWith("\t") && !line.startsWith("java.")).toList();
        assertThat(logLines).isNotEmpty().allMatch(line -> TEXT_LINE.matcher(line).matches());
        assertThat(logLines).anyMatch(line -> line.contains("WARN  probe [] through java.util.logging"))
                .anyMatch(line -> line.contains("INFO  LoggingProbe [r-1 s-1] within a run"));
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerInJsonModeWritesOnlyJsonFromStartToStop() throws Exception {
        var process = start(List.of("scriptorium.Main", "serve"), Map.of("LOG_FORMAT", "JSON", "PORT", "0",
                "HOST", "127.0.0.1", "SCRIPTORIUM_DATA", data.toString(), "OFFLINE_CHUNK_DELAY_MS", "0"));
        var output = new ArrayList<String>();
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            String port = null;
            for (String line; port == null && (line = reader.readLine()) != null; ) {
                output.add(line);
                var matcher = LISTENING.matcher(json(List.of(line)).getFirst().path("formattedMessage").asText());
                port = matcher.find() ? matcher.group(1) : null;
            }
            assertThat(port).as("a listening line in:%n%s", String.join("\n", output)).isNotNull();
            var chat = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/chat/orchestrated"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Plume, reformule : une ligne.\"}"))
                    .header("Content-Type", "application/json").build();
            assertThat(HttpClient.newHttpClient().send(chat, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            process.toHandle().destroy(); // SIGTERM only (Process.destroy would close our end of its output)
            reader.lines().forEach(output::add);
        } finally {
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        List<JsonNode> events = json(output);
        assertThat(events).extracting(e -> e.path("formattedMessage").asText())
                .anyMatch(message -> message.startsWith("Scriptorium ") && message.contains("listening on"))
                .anyMatch(message -> message.startsWith("knowledge ready"));
    }

    /** Every line parsed, each required to be one JSON object. */
    private static List<JsonNode> json(List<String> lines) throws IOException {
        assertThat(lines).isNotEmpty();
        var events = new ArrayList<JsonNode>();
        for (String line : lines) {
            JsonNode node;
            try {
                node = Jackson.MAPPER.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
            assertThat(node.isObject()).as("one object: %s", line).isTrue();
            events.add(node);
        }
        return events;
    }

    private static List<String> run(List<String> command, Map<String, String> env) throws Exception {
        Process process = start(command, env);
        List<String> lines;
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            lines = reader.lines().toList();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return lines;
    }

    private static Process start(List<String> command, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var args = new ArrayList<>(List.of(java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
        args.addAll(command);
        var builder = new ProcessBuilder(args).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("LOG_"));
        builder.environment().putAll(env);
        Files.createDirectories(Path.of("target"));
        return builder.start();
    }
}
