package scriptorium.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static scriptorium.mcp.McpClients.call;
import static scriptorium.mcp.McpClients.error;
import static scriptorium.mcp.McpClients.ok;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/**
 * The same tools over stdio: the SDK's client starts {@code scriptorium mcp --url ...} as a process (the built
 * classpath, as a desktop client would start the installed command), which relays to the real server.
 */
class McpStdioTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @Test
    void aStdioClientGetsTheServersToolsResultsErrorsAndProgress() {
        var progress = new McpClients.Progress();
        McpSyncClient client = McpClients.over(stdio(server.uri("").toString()), progress);
        try {
            assertThat(client.getCurrentInitializationResult().protocolVersion()).isEqualTo("2025-11-25");
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder(
                    "search_notes", "read_note", "recent_notes", "related_notes", "create_note", "update_note",
                    "ask_mimir", "ask_plume");
            assertThat(client.listResourceTemplates().resourceTemplates()).extracting(t -> t.uriTemplate())
                    .containsExactly("note://{id}");

            String id = (String) ok(call(client, "create_note", Map.of("title", "Relais stdio",
                    "content", "Le processus local relaie chaque message au serveur MCP.", "tags", List.of("mcp"))))
                    .get("id");
            assertThat(McpClients.text(call(client, "read_note", Map.of("id", id)))).contains("version: 1");
            assertThat(error(call(client, "update_note", Map.of("id", id, "version", 7, "title", "Autre"))))
                    .contains("version 1, not 7");
            assertThat(error(call(client, "read_note", Map.of("id", "nope")))).contains("does not exist");

            Map<String, Object> answer = ok(McpClients.callWithProgress(client, "ask_mimir",
                    Map.of("question", "Que disent mes notes sur le relais stdio ?"), "stdio-1"));
            assertThat(answer.get("note_ids")).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.LIST).contains(id);
            assertThat(progress.seen).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("stdio-1"));
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void linesPipedAllAtOnceAreRelayedWithTheSessionInitializeOpens() throws Exception {
        String lines = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"read_note\","
                        + "\"arguments\":{\"id\":\"nope\"}}}",
                "{oops", "");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        new StdioBridge(server.uri("/mcp"), null, new PrintStream(out, true, "UTF-8"),
                new PrintStream(err, true, "UTF-8"))
                .run(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written.lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{\"jsonrpc\":\"2.0\""));
        assertThat(written).contains("\"protocolVersion\":\"2025-11-25\"")
                .contains("note nope does not exist").contains("\"code\":-32700");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withoutARunningServerEachRequestIsAnsweredWithAnErrorThatSaysSo() throws IOException {
        String nowhere = "http://127.0.0.1:" + freePort();
        assertThatThrownBy(() -> McpClients.over(stdio(nowhere), ignored -> { }))
                .hasStackTraceContaining("cannot reach " + nowhere + "/mcp");
    }

    private static StdioClientTransport stdio(String url) {
        String java = ProcessHandle.current().info().command().orElse("java");
        var parameters = ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), "scriptorium.Main", "mcp", "--url", url)
                .build();
        var transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> System.err.println("[scriptorium mcp] " + line));
        return transport;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
