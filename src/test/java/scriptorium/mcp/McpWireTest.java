package scriptorium.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/**
 * {@code /mcp} on the wire: what the transport answers to malformed messages and foreign hosts, and one client
 * session recorded as a transcript ({@code target/mcp-transcript.txt}).
 */
class McpWireTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aMalformedJsonRpcBodyIsAnsweredWithAJsonRpcErrorNotAStackTrace() throws Exception {
        HttpResponse<String> response = post("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ", null);
        System.out.println("MALFORMED " + response.statusCode() + " " + response.headers().map() + " " + response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(response.body()).doesNotContain("stackTrace").doesNotContain("at io.");

        HttpResponse<String> notRpc = post("[1, 2]", null);
        System.out.println("NOTRPC " + notRpc.statusCode() + " " + notRpc.body());
        assertThat(notRpc.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notRpc.body()).path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void aRequestWithoutSessionIsRefusedAndAnUnknownSessionIsNotFound() throws Exception {
        HttpResponse<String> noSession = post("""
                {"jsonrpc":"2.0","id":2,"method":"tools/list"}""", null);
        System.out.println("NOSESSION " + noSession.statusCode() + " " + noSession.body());
        assertThat(noSession.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = post("""
                {"jsonrpc":"2.0","id":2,"method":"tools/list"}""", "no-such-session");
        System.out.println("UNKNOWN " + unknown.statusCode() + " " + unknown.body());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aForeignHostOrOriginIsRefusedAgainstDnsRebinding() throws Exception {
        String initialize = """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
                "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
        String rebound = raw("POST", "evil.example:" + server.uri("").getPort(), null, initialize);
        System.out.println("HOST " + rebound);
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("is not this server's name");
        String crossSite = raw("POST", "127.0.0.1:" + server.uri("").getPort(), "http://evil.example", initialize);
        System.out.println("ORIGIN " + crossSite);
        assertThat(crossSite).startsWith("HTTP/1.1 403").contains("another site");
        String sameSite = raw("POST", "127.0.0.1:" + server.uri("").getPort(),
                "http://127.0.0.1:" + server.uri("").getPort(), initialize);
        assertThat(sameSite).startsWith("HTTP/1.1 200");
    }

    @Test
    void oneClientSessionIsRecordedAsATranscriptAndItsListeningStreamEndsWithTheSession() throws Exception {
        server.post("/api/v1/notes", """
                {"title": "Lucene et BM25", "content": "Lucene classe les documents avec BM25.", "tags": ["search"]}""");
        var transcript = new Transcript();
        HttpResponse<String> init = transcript.send("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
                "capabilities":{},"clientInfo":{"name":"transcript","version":"1"}}}""", null);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(JSON.readTree(init.body()).at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
        assertThat(transcript.send("""
                {"jsonrpc":"2.0","method":"notifications/initialized"}""", session).statusCode()).isEqualTo(202);

        // The listening stream (GET): open while the session lives, ended by its DELETE.
        var listening = http.sendAsync(HttpRequest.newBuilder(server.uri("/mcp")).header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(transcript.send("""
                {"jsonrpc":"2.0","id":2,"method":"tools/list"}""", session).body()).contains("\"search_notes\"");
        assertThat(transcript.send("""
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"search_notes",\
                "arguments":{"query":"lucene","limit":3}}}""", session).body()).contains("Lucene et BM25");
        HttpResponse<String> asked = transcript.send("""
                {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"ask_mimir",\
                "arguments":{"question":"Que disent mes notes sur Lucene ?"},"_meta":{"progressToken":"ask-1"}}}""",
                session);
        assertThat(asked.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(asked.body()).contains("notifications/progress").contains("\"id\":4");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/mcp-transcript.txt"), transcript.text());

        assertThat(http.send(HttpRequest.newBuilder(server.uri("/mcp")).header("Mcp-Session-Id", session)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> ended = listening.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(ended.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(post("""
                {"jsonrpc":"2.0","id":5,"method":"tools/list"}""", session).statusCode()).isEqualTo(404);
    }

    /** Each exchange of a session, as sent and as answered: long answers cut, the tool list summed up. */
    private final class Transcript {
        private final StringBuilder text = new StringBuilder();

        HttpResponse<String> send(String body, String session) throws IOException, InterruptedException {
            HttpResponse<String> response = post(body, session);
            text.append(">>> POST /mcp").append(session == null ? "" : "  Mcp-Session-Id: " + session.substring(0, 8)
                    + "...").append('\n').append(body.strip()).append('\n');
            text.append("<<< ").append(response.statusCode()).append(' ')
                    .append(response.headers().firstValue("Content-Type").orElse("(no body)")).append('\n');
            for (String line : response.body().split("\n")) {
                if (!line.isBlank()) {
                    text.append(trim(line)).append('\n');
                }
            }
            text.append('\n');
            return response;
        }

        private static String trim(String line) {
            if (line.contains("\"tools\":[")) {
                int first = line.indexOf("{\"name\"", line.indexOf("\"tools\":["));
                int second = line.indexOf("{\"name\"", first + 1);
                return line.substring(0, second) + "... (7 more tools: read_note, recent_notes, related_notes,"
                        + " create_note, update_note, ask_mimir, ask_plume)";
            }
            return line.length() > 600 ? line.substring(0, 600) + " ...(" + line.length() + " chars)" : line;
        }

        String text() {
            return text.toString();
        }
    }

    private HttpResponse<String> post(String body, String session) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(server.uri("/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a {@code Host} of our choosing (the JDK client will not send one). */
    private static String raw(String method, String host, String origin, String body) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.uri("").getPort())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = method + " /mcp HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
