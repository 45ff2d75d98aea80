package scriptorium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** kill -9 during 50 live runs, then start again on the same data (issue 6, crash recovery). */
class CrashRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void afterAKillDuringFiftyRunsTheServerRestartsCleanWithInterruptedRunsAndNothingLostBefore() throws Exception {
        Path data = Files.createTempDirectory("scriptorium-crash");
        int port = freePort();
        Process server = startServer(data, port);
        List<String> completedSessions = new ArrayList<>();
        List<String> liveRuns = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                JsonNode result = JSON.readTree(post(port, "/api/v1/chat/orchestrated",
                        "{\"message\": \"Plume, note que le point " + i + " est acquis.\", \"mode\": \"plume\"}").body());
                completedSessions.add(result.path("session_id").asText());
            }
            List<CompletableFuture<HttpResponse<InputStream>>> streams = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                streams.add(http.sendAsync(request(port, "/api/v1/chat/orchestrated/stream",
                        "{\"message\": \"Plume et Mimir, discutez du sujet " + i + "\"}"),
                        HttpResponse.BodyHandlers.ofInputStream()));
            }
            for (var stream : streams) {
                HttpResponse<InputStream> response = stream.get(30, TimeUnit.SECONDS);
                liveRuns.add(response.headers().firstValue("X-Run-Id").orElseThrow());
                awaitRouting(response.body()); // `routing` follows the run's stored row: it is known after a crash
            }
        } finally {
            server.destroyForcibly(); // SIGKILL: no shutdown hook runs
            server.waitFor(30, TimeUnit.SECONDS);
        }

        Process restarted = startServer(data, port);
        try {
            for (String runId : liveRuns) {
                String body = get(port, "/api/v1/runs/" + runId).body();
                assertThat(JSON.readTree(body).path("status").asText()).as("%s: %s", runId, body)
                        .isIn("interrupted", "completed");
            }
            assertThat(liveRuns).as("runs cut by the kill").anySatisfy(runId ->
                    assertThat(get(port, "/api/v1/runs/" + runId).body()).contains("\"interrupted\""));
            for (String session : completedSessions) {
                JsonNode conversation = JSON.readTree(get(port, "/api/v1/conversations/" + session).body());
                assertThat(conversation.path("messages")).extracting(m -> m.path("author").asText())
                        .containsExactly("user", "plume");
            }
            // The search index agrees with the notes table: every note Plume saved is found by its own title.
            JsonNode notes = JSON.readTree(get(port, "/api/v1/notes?limit=100").body()).path("notes");
            assertThat(notes).hasSize(5);
            for (JsonNode note : notes) {
                String query = java.net.URLEncoder.encode(note.path("title").asText(), StandardCharsets.UTF_8);
                JsonNode found = JSON.readTree(get(port, "/api/v1/search?q=" + query + "&limit=10").body());
                assertThat(found.path("results")).extracting(r -> r.path("note_id").asText())
                        .contains(note.path("id").asText());
            }
            var fresh = post(port, "/api/v1/chat/orchestrated", "{\"message\": \"Mimir, cherche le point 3\"}");
            assertThat(fresh.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(fresh.body()).path("response").asText()).contains("point 3");
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process startServer(Path data, int port) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "scriptorium.Main", "serve")
                .redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("SCRIPTORIUM_DATA", data.toString());
        builder.environment().put("OFFLINE_CHUNK_DELAY_MS", "40");
        builder.environment().put("LOG_LEVEL", "warn");
        Process process = builder.start();
        var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var output = new StringBuilder();
        var ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.contains("listening on")) {
                        Thread.ofVirtual().start(() -> drain(lines));
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        try {
            assertThat(ready.get(60, TimeUnit.SECONDS)).as("server started:%n%s", output).isTrue();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("server did not start:\n" + output, e);
        }
        return process;
    }

    private static void awaitRouting(InputStream body) throws IOException {
        var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.contains("\"type\":\"routing\"")) {
                return;
            }
        }
        throw new AssertionError("the stream ended before its routing event");
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // keep the child's pipe from filling up
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private HttpRequest request(int port, String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(request(port, path, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
