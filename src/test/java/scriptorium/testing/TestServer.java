package scriptorium.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import scriptorium.App;
import scriptorium.config.Settings;
import scriptorium.llm.ChatModel;

/**
 * The real server on a free port, with its data in a temporary folder: what every end-to-end test talks to.
 * Either started by {@link #start} and closed by the test, or registered once per test class with
 * {@code @RegisterExtension static final TestServer server = TestServer.perClass(Map.of());}.
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String CHAT_STREAM = "/api/v1/chat/orchestrated/stream";

    private final Path dataDir;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private App app;
    private boolean onPostgres;
    private PostgresServer postgres;

    private TestServer(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        this.env = env;
    }

    /** A server with the Offline model; {@code env} adds or overrides settings (e.g. OFFLINE_CHUNK_DELAY_MS). */
    public static TestServer start(Map<String, String> env) {
        return start(env, null);
    }

    /** A server whose agents all speak through {@code model} (null: the model of the settings). */
    public static TestServer start(Map<String, String> env, ChatModel model) {
        try {
            var server = new TestServer(Files.createTempDirectory("scriptorium-test"), new HashMap<>(env));
            server.boot(model);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server started before the class's first test and stopped after its last. */
    public static TestServer perClass(Map<String, String> env) {
        try {
            return new TestServer(Files.createTempDirectory("scriptorium-test"), new HashMap<>(env));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A per-class server whose store is a throwaway PostgreSQL, started and stopped with it. */
    public static TestServer perClassOnPostgres() {
        return perClassOnPostgres(Map.of());
    }

    /** A per-class server on a throwaway PostgreSQL, with more settings. */
    public static TestServer perClassOnPostgres(Map<String, String> env) {
        TestServer server = perClass(env);
        server.onPostgres = true;
        return server;
    }

    /** The PostgreSQL server of {@link #perClassOnPostgres}, to stop and resume it. */
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (onPostgres) {
            postgres = PostgresServer.start();
            env.put("DATABASE_URL", postgres.url());
        }
        boot(null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            close();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /**
     * Nothing leaks: no run is left running and no stream open once the tests are done (waiting up to 10 s for the
     * last ones to end), and the server then stops cleanly. Every test server ends here.
     */
    @Override
    public void close() {
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!idle() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!idle()) {
                throw new AssertionError("runs or streams left open after the tests");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop();
        }
    }

    /** Stops the server now, live runs or not (their grace period, then cancelled): a shutdown under load. */
    public void stop() {
        app.close();
    }

    private boolean idle() {
        return app.idle();
    }

    /** Signs in and returns the {@code Cookie} header value of the new session. */
    public String signIn(String username, String password) {
        var response = post("/api/v1/session", "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in of " + username + " refused: " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    /** The running app (its routes, its setup secret). */
    public App app() {
        return app;
    }

    /** Starts again, after {@link #stop}, on the same data folder (and the same port if PORT was set). */
    public void resume() {
        boot(null);
    }

    /** Stops and starts the server again on the same data folder (a new port). */
    public void restart() {
        app.close();
        boot(null);
    }

    /** Work done on the data folder while the server is stopped (the embedded database is its alone while it runs). */
    public interface Stopped {
        void run() throws Exception;
    }

    /** Stops the server, runs {@code work}, and starts it again on the same data folder (a new port). */
    public void whileStopped(Stopped work) throws Exception {
        app.close();
        try {
            work.run();
        } finally {
            boot(null);
        }
    }

    /** Stops, changes settings ({@code more} added to its environment), and starts again on the same data folder. */
    public void restart(Map<String, String> more) {
        app.close();
        env.putAll(more);
        boot(null);
    }

    private void boot(ChatModel model) {
        var all = new HashMap<String, String>();
        all.put("PORT", "0");
        all.put("HOST", "127.0.0.1");
        all.put("SCRIPTORIUM_DATA", dataDir.toString());
        all.put("OFFLINE_CHUNK_DELAY_MS", "0");
        all.put("SHUTDOWN_GRACE_SECONDS", "1");
        all.putAll(env);
        Settings settings = Settings.from(all);
        app = model == null ? App.start(settings) : App.start(settings, model);
    }

    public Path dataDir() {
        return dataDir;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    /** POSTs {@code json} and records the SSE response as it arrives. */
    public SseRecorder stream(String path, String json) {
        return SseRecorder.open(http, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Sends {@code request} (a multipart upload, say) and records the SSE response as it arrives. */
    public SseRecorder stream(HttpRequest request) {
        return SseRecorder.open(http, request);
    }

    /** GETs a stream, with {@code Last-Event-ID} when {@code lastEventId} is not null. */
    public SseRecorder follow(String path, Long lastEventId) {
        var request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId.toString());
        }
        return SseRecorder.open(http, request.GET().build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
