package scriptorium.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static scriptorium.mcp.McpClients.call;
import static scriptorium.mcp.McpClients.error;
import static scriptorium.mcp.McpClients.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/**
 * MCP under accounts (PROTOCOL §8: "a stream, a search, a tool and an MCP call see only the caller's own data").
 * Written against issue 10's API (sign-in, users, tokens with scopes) so that the merge only has to remove
 * {@code @Disabled} and turn the three seams on: the gate's caller into {@link McpCaller} (App's lookup), the owner
 * into {@code NoteTools.notes} ({@code forOwner}) and into {@code AskTools}' {@code RunRequest}.
 */
class McpAccessTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("AUTH_MODE", "accounts", "ADMIN_USER", "alice",
            "ADMIN_PASSWORD", "alice-password-1"));
    private static final ObjectMapper JSON = new ObjectMapper();

    static String aliceAll;
    static String bobAll;
    static String bobReadOnly;

    @BeforeAll
    static void aliceAndBobWithTokens() throws Exception {
        String alice = signIn("alice", "alice-password-1");
        send(alice, "POST", "/api/v1/users", "{\"username\":\"bob\",\"password\":\"bob-password-1\"}", 201);
        String bob = signIn("bob", "bob-password-1");
        aliceAll = token(alice, "read", "write", "chat");
        bobAll = token(bob, "read", "write", "chat");
        bobReadOnly = token(bob, "read");
    }

    @Test
    void withoutATokenMcpIsRefusedBeforeAnyMessageIsRead() {
        HttpResponse<String> refused = server.send(HttpRequest.newBuilder(server.uri("/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build());
        assertThat(refused.statusCode()).isEqualTo(401);
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElse("");
        assertThat(challenge).startsWith("Bearer").contains("resource_metadata=\"http://127.0.0.1:");
        String metadataUrl = challenge.replaceFirst(".*resource_metadata=\"([^\"]+)\".*", "$1");
        HttpResponse<String> metadata = server.send(HttpRequest.newBuilder(java.net.URI.create(metadataUrl)).GET().build());
        assertThat(metadata.statusCode()).as("RFC 9728 metadata, open to all").isEqualTo(200);
        assertThat(metadata.body()).contains("\"resource\":\"http://127.0.0.1:", "/mcp\"",
                "\"bearer_methods_supported\":[\"header\"]", "\"chat\"");
        assertThatThrownBy(() -> McpClients.http(server.uri("").toString(), "not-a-token")).isNotNull();
    }

    @Test
    void aReadTokenSearchesButMayNotWriteNorAsk() {
        McpSyncClient bob = McpClients.http(server.uri("").toString(), bobReadOnly);
        try {
            ok(call(bob, "search_notes", Map.of("query", "anything")));
            assertThat(error(call(bob, "create_note", Map.of("title", "t", "content", "c"))))
                    .isEqualTo("create_note needs scope write, which this token does not have");
            assertThat(error(call(bob, "ask_mimir", Map.of("question", "q")))).contains("needs scope chat");
        } finally {
            bob.closeGracefully();
        }
    }

    @Test
    void eachUserSeesOnlyTheirOwnNotesThroughEveryToolAndResource() {
        McpSyncClient alice = McpClients.http(server.uri("").toString(), aliceAll);
        McpSyncClient bob = McpClients.http(server.uri("").toString(), bobAll);
        try {
            String secret = (String) ok(call(alice, "create_note", Map.of("title", "Carnet d'Alice",
                    "content", "Le code du coffre d'Alice est dans ce carnet.", "tags", List.of("secret")))).get("id");

            assertThat(ok(call(bob, "search_notes", Map.of("query", "carnet coffre Alice"))).toString())
                    .doesNotContain(secret);
            assertThat(ok(call(bob, "recent_notes", Map.of())).toString()).doesNotContain(secret);
            assertThat(error(call(bob, "read_note", Map.of("id", secret)))).contains("does not exist");
            assertThat(error(call(bob, "related_notes", Map.of("id", secret)))).contains("does not exist");
            assertThat(error(call(bob, "update_note", Map.of("id", secret, "version", 1, "title", "x"))))
                    .contains("does not exist");
            assertThatThrownBy(() -> bob.readResource(new McpSchema.ReadResourceRequest("note://" + secret)));
            Map<String, Object> asked = ok(call(bob, "ask_mimir", Map.of("question", "Que dit le carnet d'Alice ?")));
            assertThat(asked.toString()).doesNotContain(secret).doesNotContain("coffre");

            assertThat(McpClients.text(call(alice, "read_note", Map.of("id", secret)))).contains("version: 1");
        } finally {
            alice.closeGracefully();
            bob.closeGracefully();
        }
    }

    private static String signIn(String user, String password) {
        HttpResponse<String> response = server.post("/api/v1/session",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private static String token(String cookie, String... scopes) throws Exception {
        var body = JSON.createObjectNode().put("label", "mcp").put("expires_in_days", 1);
        List.of(scopes).forEach(body.putArray("scopes")::add);
        return send(cookie, "POST", "/api/v1/tokens", body.toString(), 201).path("token").asText();
    }

    private static JsonNode send(String cookie, String method, String path, String json, int status) throws Exception {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
