package scriptorium.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static scriptorium.mcp.McpClients.call;
import static scriptorium.mcp.McpClients.error;
import static scriptorium.mcp.McpClients.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/** The SDK's own client against the real server over Streamable HTTP (issue 12). */
class McpHttpTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpClients.Progress progress = new McpClients.Progress();
    private McpSyncClient client;

    @BeforeEach
    void connect() {
        client = McpClients.http(server.uri("").toString(), progress);
    }

    @AfterEach
    void disconnect() {
        client.closeGracefully();
    }

    @Test
    void initializeSpeaksTheNewestRevisionAndListsEveryToolWithSchemaDescriptionAndHints() {
        assertThat(client.getCurrentInitializationResult().protocolVersion()).isEqualTo(ProtocolVersions.MCP_2025_11_25);
        assertThat(client.getServerInfo().name()).isEqualTo("scriptorium");

        Map<String, McpSchema.Tool> tools = new java.util.HashMap<>();
        client.listTools().tools().forEach(tool -> tools.put(tool.name(), tool));
        assertThat(tools).containsOnlyKeys("search_notes", "read_note", "recent_notes", "related_notes",
                "create_note", "update_note", "ask_mimir", "ask_plume");
        tools.values().forEach(tool -> {
            assertThat(tool.description()).as(tool.name()).isNotBlank().doesNotContain("\n");
            assertThat(tool.inputSchema().get("type")).as(tool.name()).isEqualTo("object");
            assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().idempotentHint()).as(tool.name()).isNotNull();
        });
        assertThat(tools.get("search_notes").annotations().readOnlyHint()).isTrue();
        assertThat(tools.get("update_note").annotations().destructiveHint()).isTrue();
        assertThat(tools.get("create_note").annotations().readOnlyHint()).isFalse();
        assertThat(tools.get("ask_mimir").annotations().idempotentHint()).isFalse();

        assertThat(client.listResourceTemplates().resourceTemplates())
                .singleElement().satisfies(t -> {
                    assertThat(t.uriTemplate()).isEqualTo("note://{id}");
                    assertThat(t.mimeType()).isEqualTo("text/markdown");
                });
        assertThat(client.listResources().resources()).isEmpty();
    }

    @Test
    void theNoteToolsCreateFindReadListRelateAndUpdateAndAStaleVersionOverwritesNothing() {
        Map<String, Object> created = ok(call(client, "create_note", Map.of("title", "Levain et patience",
                "content", "Le levain demande du temps: une nuit de pousse au frais.", "tags", List.of("cuisine"))));
        String id = (String) created.get("id");
        assertThat(created).containsEntry("version", 1).containsEntry("uri", "note://" + id);
        ok(call(client, "create_note", Map.of("title", "Pain de campagne",
                "content", "Farine de seigle, levain, une longue pousse.", "tags", List.of("cuisine"))));

        Map<String, Object> found = ok(call(client, "search_notes", Map.of("query", "levain", "limit", 5)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) found.get("results");
        assertThat(results).extracting(r -> r.get("id")).contains(id);
        assertThat(results.getFirst()).containsKeys("title", "snippet", "score", "text_score", "vector_score");

        var read = call(client, "read_note", Map.of("id", id));
        assertThat(McpClients.text(read)).startsWith("---\ntitle: \"Levain et patience\"\ntags: [\"cuisine\"]\n")
                .contains("version: 1").endsWith("une nuit de pousse au frais.\n");
        assertThat(ok(read)).containsEntry("version", 1);

        @SuppressWarnings("unchecked")
        var recent = (List<Map<String, Object>>) ok(call(client, "recent_notes", Map.of("limit", 10))).get("notes");
        assertThat(recent).extracting(n -> n.get("id")).contains(id);
        @SuppressWarnings("unchecked")
        var related = (List<Map<String, Object>>) ok(call(client, "related_notes", Map.of("id", id))).get("results");
        assertThat(related).extracting(r -> r.get("id")).doesNotContain(id).isNotEmpty();

        assertThat(ok(call(client, "update_note", Map.of("id", id, "version", 1,
                "content", "Le levain demande du temps et de la farine.")))).containsEntry("version", 2);
        String stale = error(call(client, "update_note", Map.of("id", id, "version", 1, "title", "Écrasé")));
        assertThat(stale).contains("version 2, not 1");
        assertThat(McpClients.text(call(client, "read_note", Map.of("id", id))))
                .contains("title: \"Levain et patience\"").contains("version: 2").contains("et de la farine.");
    }

    @Test
    void failuresAreToolResultsWithASentence() {
        assertThat(error(call(client, "read_note", Map.of("id", "no-such-note")))).contains("does not exist");
        assertThat(error(call(client, "related_notes", Map.of("id", "no-such-note")))).contains("does not exist");
        assertThat(error(call(client, "search_notes", Map.of("query", "x", "limit", 500))))
                .isEqualTo("limit: must be from 1 to 50, got 500");
        assertThat(error(call(client, "search_notes", Map.of()))).isEqualTo("query: required, a non-empty string");
        assertThat(error(call(client, "create_note", Map.of("title", "t", "content", "c", "tags", "not-a-list"))))
                .isEqualTo("tags: must be an array of strings");
        assertThat(error(call(client, "update_note", Map.of("id", "x")))).contains("version: required");
        assertThat(error(call(client, "ask_mimir", Map.of("question", " ")))).contains("question: required");
    }

    @Test
    void eachNoteIsAMarkdownResourceAndAnUnknownOneIsNotFound() {
        String id = (String) ok(call(client, "create_note", Map.of("title", "Ressource",
                "content", "Une note lue comme ressource."))).get("id");
        var read = client.readResource(new McpSchema.ReadResourceRequest("note://" + id));
        var contents = (McpSchema.TextResourceContents) read.contents().getFirst();
        assertThat(contents.mimeType()).isEqualTo("text/markdown");
        assertThat(contents.text()).contains("title: \"Ressource\"").contains("Une note lue comme ressource.");

        assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("note://nope")))
                .isInstanceOf(McpError.class);
    }

    @Test
    void askMimirIsARealRunThatReturnsTheNotesItFoundAndReportsProgress() throws Exception {
        String id = (String) ok(call(client, "create_note", Map.of("title", "Lucene et BM25",
                "content", "Lucene classe les documents avec BM25 et des vecteurs."))).get("id");

        Map<String, Object> answer = ok(McpClients.callWithProgress(client, "ask_mimir",
                Map.of("question", "Que disent mes notes sur Lucene ?"), "p-1"));
        assertThat((String) answer.get("answer")).contains("Lucene");
        assertThat(answer.get("note_ids")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains(id);
        assertThat(answer).containsEntry("route", "mimir").containsKeys("run_id", "conversation_id", "cost_usd");
        assertThat(progress.seen).isNotEmpty().allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("p-1"));
        assertThat(progress.seen).extracting(McpSchema.ProgressNotification::message)
                .contains("routed to mimir");

        String runId = (String) answer.get("run_id");
        JsonNode run = JSON.readTree(server.get("/api/v1/runs/" + runId).body());
        assertThat(run.path("status").asText()).isEqualTo("completed");
        JsonNode conversation = JSON.readTree(server.get("/api/v1/conversations/" + answer.get("conversation_id"))
                .body());
        assertThat(conversation.path("messages")).extracting(m -> m.path("author").asText())
                .containsExactly("user", "mimir");
    }

    @Test
    void askPlumeIsARealRunToo() {
        progress.seen.clear();
        Map<String, Object> answer = ok(call(client, "ask_plume",
                Map.of("text", "Reformule : le cache évite de recalculer ce qui ne change pas.")));
        assertThat(answer).containsEntry("route", "plume").containsKeys("answer", "run_id", "note_ids");
        assertThat((String) answer.get("answer")).contains("cache");
        assertThat(progress.seen).as("no token, no progress").isEmpty();
    }
}
