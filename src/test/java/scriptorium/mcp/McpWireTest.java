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
