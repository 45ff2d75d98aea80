package scriptorium.llm.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.llm.e2e.Runs.body;
import static scriptorium.llm.e2e.Runs.of;
import static scriptorium.llm.e2e.Runs.types;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.Scripted;
import scriptorium.testing.SseRecorder;
import scriptorium.testing.TestServer;

/** PROTOCOL §7 citations, end to end: Claude (the fake) quotes the archive, the server checks every quotation. */
@Timeout(60)
class CitationsEndToEndTest {

    private static final String CONTENT = "Un jardin de pluie recueille l'eau des toits et la laisse s'infiltrer"
            + " lentement dans le sol. Les plantes choisies supportent d'être inondées quelques heures.";

    private final FakeAnthropicServer fake = FakeAnthropicServer.start();
    private final TestServer server = TestServer.start(slowFirstTokenAllowed());

    @AfterEach
    void close() {
        server.close();
        fake.close();
    }

    @Test
    void mimirsTrueQuotationIsVerifiedAndItsInventedOneIsFlaggedBeforeComplete() throws Exception {
        String id = createNote();
        fake.enqueue(Scripted.Reply.tool("toolu_1", "search_knowledge", "{\"query\":\"jardin de pluie\"}"),
                Scripted.Reply.text("D'après **Jardin de pluie**, il « [note:" + id + " \"recueille l’eau des toits ",
                        "et la laisse s'infiltrer\"] ». Il ajoute [note:" + id + " \"qu'il faut arroser chaque jour\"]."));

        List<JsonNode> events = server.stream(CHAT_STREAM, body("Mimir, que disent mes notes du jardin de pluie ?"))
                .readToEnd();

        assertThat(types(events)).containsSubsequence("agent_message", "processing", "citation", "citation",
                "complete");
        assertThat(types(events).indexOf("citation")).isGreaterThan(types(events).lastIndexOf("processing"));
        List<JsonNode> citations = of(events, "citation");
        String messageId = of(events, "agent_message").getFirst().path("message_id").asText();
        assertThat(citations).allSatisfy(c -> {
            assertThat(c.path("agent").asText()).isEqualTo("mimir");
            assertThat(c.path("message_id").asText()).isEqualTo(messageId);
            assertThat(c.path("note_id").asText()).isEqualTo(id);
        });
        assertThat(citations.get(0).path("quote").asText()).isEqualTo("recueille l’eau des toits et la laisse s'infiltrer");
        assertThat(citations.get(0).path("verified").asBoolean()).isTrue();
        assertThat(citations.get(0).has("reason")).isFalse();
        assertThat(citations.get(1).path("quote").asText()).isEqualTo("qu'il faut arroser chaque jour");
        assertThat(citations.get(1).path("verified").asBoolean()).isFalse();
        assertThat(citations.get(1).path("reason").asText()).isEqualTo("quote_not_found");
        JsonNode listed = events.getLast().path("result").path("citations");
        assertThat(listed).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(listed.get(i)).isEqualTo(withoutEnvelope(citations.get(i)));
        }
        keep("mimir-true-and-invented", citations);

        String metrics = server.get("/metrics").body();
        assertThat(metrics).contains("scriptorium_citations_total{model=\"anthropic/claude-sonnet-4-5\",reason=\"none\","
                + "verified=\"true\"} 1.0");
        assertThat(metrics).contains("scriptorium_citations_total{model=\"anthropic/claude-sonnet-4-5\","
                + "reason=\"quote_not_found\",verified=\"false\"} 1.0");
    }

    @Test
    void aNoteChangedAfterTheRunReadItAndAnUnknownNoteAreNotVerified() throws Exception {
        String id = createNote();
        fake.enqueue(Scripted.Reply.tool("toolu_1", "search_knowledge", "{\"query\":\"jardin de pluie\"}"),
                Scripted.Reply.text("Voir [note:" + id + " \"recueille l'eau des toits\"] et [note:n-inconnue].")
                        .with(new Scripted.Fault.Stall(Duration.ofMillis(1500))));

        SseRecorder stream = server.stream(CHAT_STREAM, body("Mimir, que disent mes notes du jardin de pluie ?"));
        JsonNode action;
        do {
            action = stream.next() instanceof SseRecorder.Item.Event e ? e.json() : null;
        } while (action == null || !action.path("status").asText().equals("completed"));
        // While Claude thinks, the note is edited: the quotation refers to a version that is no longer the note's.
        var put = server.send(HttpRequest.newBuilder(server.uri("/api/v1/notes/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"content\":\"Tout autre chose.\",\"version\":1}")).build());
        assertThat(put.statusCode()).isEqualTo(200);
        List<JsonNode> citations = of(stream.readToEnd(), "citation");

        assertThat(citations).extracting(c -> c.path("note_id").asText() + " " + c.path("reason").asText())
                .containsExactly(id + " note_changed", "n-inconnue unknown_note");
        keep("note-changed-and-unknown", citations);
    }

    private String createNote() {
        var created = server.post("/api/v1/notes", Runs.JSON.createObjectNode().put("title", "Jardin de pluie")
                .put("content", CONTENT).toString());
        assertThat(created.statusCode()).isEqualTo(201);
        try {
            return Runs.JSON.readTree(created.body()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode withoutEnvelope(JsonNode event) {
        var copy = event.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("type", "run_id", "seq", "timestamp"));
        return copy;
    }

    /** The citation events as streamed, kept under target/ for the record of issue 14. */
    private static void keep(String name, List<JsonNode> citations) throws Exception {
        Path file = Path.of("target", "citations", name + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, citations.stream().map(JsonNode::toString).toList());
    }

    private java.util.Map<String, String> slowFirstTokenAllowed() {
        var env = new HashMap<>(Runs.anthropic(fake));
        env.put("MODEL_FIRST_TOKEN_TIMEOUT_SECONDS", "10");
        return env;
    }
}
