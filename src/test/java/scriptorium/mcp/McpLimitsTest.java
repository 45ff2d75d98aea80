package scriptorium.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.mcp.McpClients.call;
import static scriptorium.mcp.McpClients.error;
import static scriptorium.mcp.McpClients.ok;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/** The per-user run limits of issue 10 hold for the runs MCP's ask_* tools start, as for the page's. */
class McpLimitsTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("RUNS_PER_MINUTE", "1"));

    @Test
    void aRunOverTheLimitIsAToolErrorSayingWhichLimitAndNoRunStarts() {
        try (var client = McpClients.http(server.uri("").toString(), progress -> { })) {
            assertThat(ok(call(client, "ask_mimir", Map.of("question", "Que disent mes notes ?")))).containsKey("run_id");
            assertThat(error(call(client, "ask_plume", Map.of("text", "Note ceci : une de trop."))))
                    .contains("RUNS_PER_MINUTE=1");
        }
    }
}
