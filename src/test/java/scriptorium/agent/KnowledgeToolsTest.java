package scriptorium.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scriptorium.llm.Agent;
import scriptorium.knowledge.Archive;
import scriptorium.knowledge.NoteDraft;
import scriptorium.knowledge.SearchHit;
import scriptorium.store.Note;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeToolsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    Archive archive;
    Note cats;

    @BeforeAll
    void open(@TempDir Path dataDir) {
        archive = Archive.open(dataDir);
        cats = archive.notes().create(new NoteDraft("Les chats", "Le chat dort seize heures par jour.",
                List.of("animaux")), Note.Source.USER);
        archive.notes().create(new NoteDraft("Chats et chiens", "Un chat et un chien peuvent vivre ensemble.",
                List.of("animaux")), Note.Source.USER);
    }

    @AfterAll
    void close() {
        archive.close();
    }

    @Test
    void mimirSearchesAndPlumeWrites() throws Exception {
        assertThat(tools(Agent.MIMIR)).extracting(Tool::name)
                .containsExactly("search_knowledge", "get_related_content");
        assertThat(tools(Agent.PLUME)).extracting(Tool::name)
                .containsExactly("create_note", "update_note");
        for (Tool tool : tools(Agent.MIMIR)) {
            assertThat(JSON.readTree(tool.spec().parametersJsonSchema()).get("type").asText()).isEqualTo("object");
        }
    }

    @Test
    void searchKnowledgeAnswersWithTheResultsContract() throws Exception {
        ToolOutcome outcome = tool(Agent.MIMIR, "search_knowledge")
                .run(Map.of("query", "chat", "limit", 10), new NotesWritten());
        JsonNode content = JSON.readTree(outcome.content());
        assertThat(content.get("query").asText()).isEqualTo("chat");
        JsonNode first = content.get("results").get(0);
        assertThat(first.get("note_id").asText()).isNotBlank();
        assertThat(first.get("title").asText()).startsWith("Les chats").isEqualTo(cats.title());
        assertThat(first.get("snippet").asText()).contains("**chat**");
        assertThat(first.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("tags").get(0).asText()).isEqualTo("animaux");
        assertThat(outcome.details()).isEqualTo("Found 2 notes for “chat”.");
        assertThat(outcome.metadata()).containsEntry("result_count", 2).containsEntry("query", "chat");
    }

    @Test
    void searchKnowledgeSaysWhenNothingIsFound() throws Exception {
        ToolOutcome outcome = tool(Agent.MIMIR, "search_knowledge")
                .run(Map.of("query", "quantum chromodynamics"), new NotesWritten());
        assertThat(JSON.readTree(outcome.content()).get("results")).isEmpty();
        assertThat(outcome.details()).isEqualTo("Found no note for “quantum chromodynamics”.");
    }

    @Test
    void relatedContentUsesTheSourceTitleAsQuery() throws Exception {
        ToolOutcome outcome = tool(Agent.MIMIR, "get_related_content")
                .run(Map.of("note_id", cats.id()), new NotesWritten());
        JsonNode content = JSON.readTree(outcome.content());
        assertThat(content.get("query").asText()).isEqualTo("Les chats");
        assertThat(content.get("results").get(0).get("title").asText()).isEqualTo("Chats et chiens");
        assertThat(outcome.details()).isEqualTo("Found 1 note related to “Les chats”.");
    }

    @Test
    void relatedContentGivesTheNotesLinkedBothWaysFirstHoweverFarTheirWords() throws Exception {
        Note sky = archive.notes().create(new NoteDraft("Astronomie", "Les étoiles filantes d'août. Voir [[Jardinage]].",
                List.of()), Note.Source.USER);
        archive.notes().create(new NoteDraft("Jardinage", "Planter les tomates en mai.", List.of()), Note.Source.USER);
        archive.notes().create(new NoteDraft("Recueil", "Sommaire : [[astronomie|le ciel]].", List.of()),
                Note.Source.USER);
        ToolOutcome outcome = tool(Agent.MIMIR, "get_related_content")
                .run(Map.of("note_id", sky.id()), new NotesWritten());
        JsonNode results = JSON.readTree(outcome.content()).get("results");
        assertThat(results).extracting(r -> r.get("title").asText()).startsWith("Jardinage", "Recueil");
        assertThat(results.get(0).get("snippet").asText()).isEqualTo("Planter les tomates en mai.");
    }

    @Test
    void createAndUpdateNoteReturnIdTitleVersionAndMarkTheRun() throws Exception {
        var run = new NotesWritten();
        ToolOutcome created = tool(Agent.PLUME, "create_note").run(Map.of("title", "Le perroquet",
                "content", "Il parle le matin.", "tags", List.of("animaux", "oiseaux")), run);
        JsonNode note = JSON.readTree(created.content());
        String id = note.get("note_id").asText();
        assertThat(note.get("title").asText()).isEqualTo("Le perroquet");
        assertThat(note.get("version").asLong()).isEqualTo(1);
        assertThat(created.details()).isEqualTo("Saved the note “Le perroquet”.");

        ToolOutcome updated = tool(Agent.PLUME, "update_note")
                .run(Map.of("note_id", id, "content", "Il parle le matin et chante le soir."), run);
        assertThat(JSON.readTree(updated.content()).get("version").asLong()).isEqualTo(2);
        assertThat(run.ids()).containsExactly(id);
        assertThat(archive.notes().search("chante", 3)).extracting(SearchHit::noteId).contains(id);
    }

    @Test
    void badArgumentsBecomeToolExceptionsTheModelCanRead() {
        Tool create = tool(Agent.PLUME, "create_note");
        assertThatThrownBy(() -> create.run(Map.of("content", "x"), new NotesWritten()))
                .isInstanceOf(ToolException.class).hasMessage("create_note: argument 'title' is required");
        assertThatThrownBy(() -> tool(Agent.PLUME, "update_note")
                .run(Map.of("note_id", "nope", "title", "x"), new NotesWritten()))
                .isInstanceOf(ToolException.class).hasMessageContaining("note nope does not exist");
    }

    private List<Tool> tools(Agent agent) {
        return ArchiveTools.of(agent, archive.notes());
    }

    private Tool tool(Agent agent, String name) {
        return tools(agent).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
