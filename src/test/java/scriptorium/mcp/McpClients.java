package scriptorium.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The SDK's own client, as an MCP client application uses it: over HTTP or over a transport given (stdio). */
final class McpClients {

    private McpClients() {}

    static McpSyncClient http(String baseUrl, Consumer<McpSchema.ProgressNotification> progress) {
        return over(HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp").build(), progress);
    }

    /** A client that sends {@code Authorization: Bearer token} with every request (accounts mode). */
    static McpSyncClient http(String baseUrl, String token) {
        return over(HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp")
                .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build(), ignored -> { });
    }

    static McpSyncClient over(McpClientTransport transport, Consumer<McpSchema.ProgressNotification> progress) {
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("scriptorium-test", "1"))
                .requestTimeout(Duration.ofSeconds(60))
                .progressConsumer(progress)
                .build();
        client.initialize();
        return client;
    }

    static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** A call asking for progress notifications (a {@code progressToken} in {@code _meta}). */
    static CallToolResult callWithProgress(McpSyncClient client, String tool, Map<String, Object> arguments,
                                           String token) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments, Map.of("progressToken", token)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(CallToolResult result) {
        assertThat(result.isError()).as("tool error: %s", text(result)).isNotEqualTo(Boolean.TRUE);
        return (Map<String, Object>) result.structuredContent();
    }

    static String error(CallToolResult result) {
        assertThat(result.isError()).as("expected a tool error, got %s", text(result)).isTrue();
        return text(result);
    }

    static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    static final class Progress implements Consumer<McpSchema.ProgressNotification> {
        final List<McpSchema.ProgressNotification> seen = new CopyOnWriteArrayList<>();

        @Override
        public void accept(McpSchema.ProgressNotification notification) {
            seen.add(notification);
        }
    }
}
