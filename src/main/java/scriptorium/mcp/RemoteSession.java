package scriptorium.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import scriptorium.json.Jackson;

/**
 * One MCP session with a server's Streamable HTTP endpoint, as the stdio bridge needs it: each JSON-RPC message is
 * POSTed as it is, and each message the server answers with (one JSON body, or an SSE stream of progress
 * notifications ending with the response) is handed on as it is. Keeps the session id and protocol version the
 * server gave at {@code initialize}, and the {@code initialize} itself: a server that restarted or forgot the session
 * (404) is initialized again once, transparently, and the message sent again. Thread-safe.
 */
final class RemoteSession {

    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final URI endpoint;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile JsonNode initialize;

    /** @param token a bearer token, or null (local mode) */
    RemoteSession(URI endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
    }

    /**
     * Sends {@code message} and passes each message of the answer to {@code reply}, in order; returns once the
     * answer is complete (at once for a notification).
     *
     * @throws RemoteRefusal when the server answers with an HTTP error
     * @throws IOException   when the server cannot be reached or the connection breaks
     */
    void send(JsonNode message, Consumer<JsonNode> reply) throws IOException, InterruptedException {
        boolean initializing = "initialize".equals(message.path("method").asText());
        if (initializing) {
            initialize = message;
            sessionId = null;
        }
        HttpResponse<InputStream> response = post(message);
        if (response.statusCode() == 404 && sessionId != null && !initializing) {
            response.body().close();
            reinitialize();
            response = post(message);
        }
        read(response, initializing, reply);
    }

    /** Ends the session on the server (best effort: it also expires on its own). */
    void close() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        try {
            http.send(request().header("Mcp-Session-Id", id).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // The server is gone already: there is no session left to end.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reinitialize() throws IOException, InterruptedException {
        sessionId = null;
        read(post(initialize), true, ignored -> { });
        ObjectNode initialized = Jackson.MAPPER.createObjectNode().put("jsonrpc", "2.0")
                .put("method", "notifications/initialized");
        read(post(initialized), false, ignored -> { });
    }

    private HttpResponse<InputStream> post(JsonNode message) throws IOException, InterruptedException {
        HttpRequest.Builder request = request()
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString()));
        Optional.ofNullable(sessionId).ifPresent(id -> request.header("Mcp-Session-Id", id));
        Optional.ofNullable(protocolVersion).ifPresent(v -> request.header("MCP-Protocol-Version", v));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint);
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        return request;
    }

    private void read(HttpResponse<InputStream> response, boolean initializing, Consumer<JsonNode> reply)
            throws IOException {
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status >= 400) {
                throw new RemoteRefusal(status, new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            if (initializing) {
                response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
            }
            Consumer<JsonNode> each = initializing ? message -> {
                String version = message.path("result").path("protocolVersion").asText(null);
                if (version != null) {
                    protocolVersion = version;
                }
                reply.accept(message);
            } : reply;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("text/event-stream")) {
                events(body, each);
            } else if (status != 202) {
                byte[] json = body.readAllBytes();
                if (json.length > 0) {
                    each.accept(Jackson.MAPPER.readTree(json));
                }
            }
        }
    }

    /** An SSE stream: each event's {@code data:} lines joined are one JSON-RPC message; the rest is framing. */
    private static void events(InputStream body, Consumer<JsonNode> each) throws IOException {
        var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        var data = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    each.accept(Jackson.MAPPER.readTree(data.toString()));
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
            }
        }
        if (!data.isEmpty()) {
            each.accept(Jackson.MAPPER.readTree(data.toString()));
        }
    }

    /** The server refused a message with an HTTP error (401 without a token, 403, 413...). */
    static final class RemoteRefusal extends IOException {
        private final int status;

        RemoteRefusal(int status, String body) {
            super("the server answered " + status + (body.isBlank() ? "" : ": " + body.strip()));
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
