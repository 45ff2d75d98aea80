package scriptorium.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import scriptorium.testing.InstanceProcess;
import scriptorium.testing.NginxProxy;
import scriptorium.testing.PostgresServer;
import scriptorium.testing.RedisServer;
import scriptorium.testing.SseRecorder;

/**
 * The scaled-out setup of docs/deploy.md, for real: one PostgreSQL, one Redis, two Scriptorium processes (A and
 * B), and nginx in front of both with the documented configuration. Shared by a test class; what the tests
 * measure is appended to {@code target/cluster-report.txt}.
 */
final class Cluster implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPORT = Path.of("target/cluster-report.txt");

    final PostgresServer postgres;
    final RedisServer redis;
    final InstanceProcess a;
    final InstanceProcess b;
    final NginxProxy nginx;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Cluster(PostgresServer postgres, RedisServer redis, InstanceProcess a, InstanceProcess b,
                    NginxProxy nginx) {
        this.postgres = postgres;
        this.redis = redis;
        this.a = a;
        this.b = b;
        this.nginx = nginx;
    }

    static Cluster start() {
        try {
            Files.deleteIfExists(REPORT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var postgres = PostgresServer.start();
        var redis = RedisServer.start();
        Map<String, String> env = Map.of("DATABASE_URL", postgres.url(), "REDIS_URL", redis.url(),
                "OFFLINE_CHUNK_DELAY_MS", "40", "HEARTBEAT_SECONDS", "2", "LOG_LEVEL", "info");
        // A first: it migrates the schema; B then finds it done.
        var a = InstanceProcess.start(env, Path.of("target/cluster/instance-a.log"));
        var b = InstanceProcess.start(env, Path.of("target/cluster/instance-b.log"));
        var nginx = NginxProxy.start(List.of(a.port(), b.port()));
        return new Cluster(postgres, redis, a, b, nginx);
    }

    static void report(String line) {
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[cluster] " + line);
    }

    /** POSTs a chat message to {@code base} and records the stream. */
    SseRecorder chat(String base, String message) {
        return SseRecorder.open(client(base), HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/chat/orchestrated/stream"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("message", message).toString()))
                .build());
    }

    /** Follows run {@code runId} on {@code base} after {@code lastEventId} (null: from the start). */
    SseRecorder follow(String base, String runId, Long lastEventId) {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/runs/" + runId + "/stream"))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId.toString());
        }
        return SseRecorder.open(client(base), request.GET().build());
    }

    HttpResponse<String> get(String base, String path) {
        return send(base, HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    HttpResponse<String> post(String base, String path, String json) {
        return send(base, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> delete(String base, String path) {
        return send(base, HttpRequest.newBuilder(URI.create(base + path)).DELETE().build());
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String base, HttpRequest request) {
        try {
            return client(base).send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpClient client(String base) {
        return base.equals(nginx.base()) ? nginx.client() : http;
    }

    @Override
    public void close() {
        nginx.close();
        a.close();
        b.close();
        redis.close();
        postgres.close();
    }
}
