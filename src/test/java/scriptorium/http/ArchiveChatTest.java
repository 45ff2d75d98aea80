package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.offline.OfflineModel;
import scriptorium.testing.TestServer;

/** The agents and the archive through a real run: Mimir searches it, Plume writes to it. */
class ArchiveChatTest {

    static final ObjectMapper JSON = new ObjectMapper();
    TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mimirFindsTheNotesAboutASubjectWithSearchKnowledgeActions() throws Exception {
        server = TestServer.start(Map.of());
        String volcano = create("Les volcans d'Islande", "L'Eyjafjallajökull est entré en éruption en 2010.");
        String geysers = create("Geysers et volcans", "Les geysers islandais sont chauffés par les volcans.");
        create("Recette de crêpes", "Farine, œufs, lait.");

        List<JsonNode> events = server.stream(TestServer.CHAT_STREAM,
                "{\"message\": \"Mimir, trouve mes notes sur les volcans\"}").readToEnd();

        List<JsonNode> actions = ofType(events, "agent_action");
        assertThat(actions).extracting(a -> a.get("action").asText() + ":" + a.get("status").asText())
                .containsExactly("search_knowledge:running", "search_knowledge:completed");
        assertThat(actions.get(1).get("details").asText()).startsWith("Found 2 notes for");
        assertThat(actions.get(1).at("/metadata/result_count").asInt()).isEqualTo(2);
        String response = ofType(events, "complete").getFirst().at("/result/response").asText();
        assertThat(response).contains("Les volcans d'Islande", "Geysers et volcans", volcano, geysers)
                .doesNotContain("crêpes");
    }

    @Test
    void theOfflineMimirQuotesEachNoteItFoundAndEveryQuotationVerifiesAlsoInADiscussion() throws Exception {
        server = TestServer.start(Map.of());
        String volcano = create("Les volcans d'Islande", "L'Eyjafjallajökull est entré en éruption en 2010,"
                + " bloquant le trafic aérien. Les **volcans** islandais sont très surveillés.");
        String geysers = create("Geysers et volcans", "Les geysers islandais sont chauffés par les volcans.");

        for (String message : List.of("Mimir, trouve mes notes sur les volcans",
                "Plume et Mimir, que disent mes notes sur les volcans ?")) {
            List<JsonNode> events = server.stream(TestServer.CHAT_STREAM,
                    JSON.createObjectNode().put("message", message).toString()).readToEnd();

            List<JsonNode> citations = ofType(events, "citation");
            assertThat(citations).as(message).isNotEmpty().allSatisfy(c -> {
                assertThat(c.get("verified").asBoolean()).as(c.toString()).isTrue();
                assertThat(c.get("quote").asText()).as(c.toString()).isNotBlank();
            });
            assertThat(citations).extracting(c -> c.get("note_id").asText()).contains(volcano, geysers);
            assertThat(ofType(events, "complete").getFirst().at("/result/citations")).hasSameSizeAs(citations);

            // The conversation read back carries each message's verdicts, as the events gave them.
            String session = ofType(events, "complete").getFirst().at("/result/session_id").asText();
            List<JsonNode> stored = new java.util.ArrayList<>();
            JSON.readTree(server.get("/api/v1/conversations/" + session).body()).get("messages")
                    .forEach(m -> m.path("citations").forEach(c -> stored.add(((com.fasterxml.jackson.databind.node.ObjectNode) c)
                            .put("message_id", m.get("id").asText()))));
            assertThat(stored).extracting(c -> c.get("message_id").asText() + " " + c.get("note_id").asText() + " "
                    + c.get("quote").asText() + " " + c.get("verified").asBoolean())
                    .containsExactlyElementsOf(citations.stream().map(c -> c.get("message_id").asText() + " "
                            + c.get("note_id").asText() + " " + c.get("quote").asText() + " "
                            + c.get("verified").asBoolean()).toList());
        }
    }

    @Test
    void plumeSavesWhatTheUserAsksToNoteAndSearchFindsIt() throws Exception {
        server = TestServer.start(Map.of());
        List<JsonNode> events = server.stream(TestServer.CHAT_STREAM, """
                {"message": "Plume, note que le rendez-vous chez le dentiste est mardi à 14 h."}""").readToEnd();

        assertThat(ofType(events, "agent_action")).extracting(a -> a.get("action").asText() + ":"
                + a.get("status").asText()).containsExactly("create_note:running", "create_note:completed");
        JsonNode noteIds = ofType(events, "complete").getFirst().at("/result/note_ids");
        assertThat(noteIds).hasSize(1);
        JsonNode found = JSON.readTree(server.get("/api/v1/search?q=dentiste").body());
        assertThat(found.at("/results/0/note_id").asText()).isEqualTo(noteIds.get(0).asText());
    }

    @Test
    void contextIdsGiveTheNotesToTheAgents() throws Exception {
        List<ModelRequest> seen = new CopyOnWriteArrayList<>();
        var offline = new OfflineModel(Duration.ZERO);
        server = TestServer.start(Map.of(), (request, sink) -> {
            seen.add(request);
            return offline.call(request, sink);
        });
        String id = create("Liste de courses", "Acheter du pain et des pommes.");

        server.stream(TestServer.CHAT_STREAM, "{\"message\": \"Plume, reformule ma liste.\", \"context_ids\": [\""
                + id + "\", \"unknown\"]}").readToEnd();

        ChatMessage last = seen.getFirst().messages().getLast();
        assertThat(last).isInstanceOfSatisfying(ChatMessage.User.class, user -> assertThat(user.text())
                .contains("Liste de courses", id, "Acheter du pain et des pommes.")
                .endsWith("Plume, reformule ma liste."));
    }

    private String create(String title, String content) throws Exception {
        var response = server.post("/api/v1/notes", JSON.createObjectNode().put("title", title)
                .put("content", content).toString());
        assertThat(response.statusCode()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }
}
