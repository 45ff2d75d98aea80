package scriptorium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.config.Settings;
import scriptorium.store.StoreException;
import scriptorium.testing.PostgresServer;

/**
 * The server listens before its store is open (issue 16): the page answers at once, {@code /health} says
 * {@code starting}, and a request to a route sent meanwhile waits, passes the access gate, and is answered as it would
 * be a moment later. A start that fails leaves nothing listening. The store is a PostgreSQL that is down while the
 * server starts and comes up when the test says so.
 */
@Timeout(120)
class ListenFirstTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRequestSentWhileTheStoreOpensWaitsAndIsAnsweredWhileThePageAnswersAtOnce(@TempDir Path data) throws Exception {
        try (var postgres = PostgresServer.start(); var waiting = Executors.newVirtualThreadPerTaskExecutor()) {
            postgres.stop(); // the database is down when the server starts: its opening waits for it
            App app = App.listen(settings(data, Map.of("DATABASE_URL", postgres.url(), "STORE_TIMEOUT_SECONDS", "60")));
            try {
                assertThat(get(app, "/").statusCode()).isEqualTo(200);
                assertThat(get(app, "/manifest.json").statusCode()).isEqualTo(200);
                var health = get(app, "/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).isEqualTo("{\"status\":\"starting\"}");

                var notes = http.sendAsync(request(app, "/api/v1/notes").build(), HttpResponse.BodyHandlers.ofString());
                var created = http.sendAsync(request(app, "/api/v1/notes").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Pendant le démarrage\","
                                + "\"content\":\"Écrite avant que la base ne soit ouverte.\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                var crossOrigin = get(app, request(app, "/api/v1/notes").header("Origin", "http://evil.example")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
                assertThat(crossOrigin.statusCode()).as(crossOrigin.body()).isEqualTo(403); // the gate, at once
                Thread.sleep(500);
                assertThat(notes).isNotDone();
                assertThat(created).isNotDone();

                Future<?> ready = waiting.submit(() -> {
                    app.awaitReady();
                    return null;
                });
                postgres.resume();
                ready.get(60, TimeUnit.SECONDS);
                var answer = created.get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                assertThat(answer.body()).contains("Pendant le démarrage");
                assertThat(notes.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                assertThat(get(app, "/health").statusCode()).isEqualTo(200);
                assertThat(get(app, "/api/v1/search?q=d%C3%A9marrage").body()).contains("Pendant le démarrage");
            } finally {
                app.close();
            }
        }
    }

    @Test
    void aRequestWaitingForAStartThatFailsGetsA503InTheProtocolShape(@TempDir Path data) throws Exception {
        try (var postgres = PostgresServer.start(); var waiting = Executors.newVirtualThreadPerTaskExecutor()) {
            postgres.stop(); // and stays down past the store's timeout: the start fails
            App app = App.listen(settings(data, Map.of("DATABASE_URL", postgres.url(), "STORE_TIMEOUT_SECONDS", "6")));
            assertThat(get(app, "/").statusCode()).isEqualTo(200);
            var answer = http.sendAsync(request(app, "/api/v1/notes").build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500); // sent, and waiting: the start has not failed yet
            assertThat(answer).isNotDone();
            assertThatThrownBy(app::awaitReady).hasMessageContaining("Connection");
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
            assertThat(answer.get().body())
                    .matches("\\{\"error\":\\{\"code\":\"(starting|shutting_down)\",\"message\":\"[^\"]+\"}}");
        }
    }

    @Test
    void aStartThatFailsThrowsItsCauseAndLeavesNothingListening(@TempDir Path folder) throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("file"), "not a folder");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var settings = settings(notAFolder, Map.of("PORT", Integer.toString(port)));
        assertThatThrownBy(() -> App.start(settings))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot create the data folder");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    private static Settings settings(Path data, Map<String, String> more) {
        var env = new HashMap<String, String>();
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("SCRIPTORIUM_DATA", data.toString());
        env.put("OFFLINE_CHUNK_DELAY_MS", "0");
        env.put("SHUTDOWN_GRACE_SECONDS", "1");
        env.putAll(more);
        return Settings.from(env);
    }

    private static HttpRequest.Builder request(App app, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    }

    private HttpResponse<String> get(App app, String path) throws IOException, InterruptedException {
        return get(app, request(app, path).GET());
    }

    private HttpResponse<String> get(App app, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
