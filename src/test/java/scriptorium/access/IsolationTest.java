package scriptorium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/** Another user's notes are never searched, crowd nothing out, and never reach the agents, whatever is asked. */
class IsolationTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("AUTH_MODE", "accounts", "ADMIN_USER", "alice",
            "ADMIN_PASSWORD", "alice-password-1"));

    static Client alice;
    static Client bob;
    static String aliceNote;
    static String bobNote;

    @BeforeAll
    static void aliceHasManyNotesAboutLuceneAndBobOne() {
        alice = Client.session(server, "alice", "alice-password-1");
        alice.json(201, "POST", "/api/v1/users", "{\"username\":\"bob\",\"password\":\"bob-password-1\"}");
        bob = Client.session(server, "bob", "bob-password-1");
        for (int i = 0; i < 60; i++) {
            String id = alice.json(201, "POST", "/api/v1/notes", "{\"title\":\"Lucene " + i + "\",\"content\":\"Lucene"
                    + " index Lucene segments Lucene BM25 Lucene HNSW, carnet d'Alice " + i + ".\"}").path("id").asText();
            aliceNote = i == 0 ? id : aliceNote;
        }
        bobNote = bob.json(201, "POST", "/api/v1/notes", "{\"title\":\"Lecture\",\"content\":\"Un mot sur Lucene,"
                + " en passant.\"}").path("id").asText();
    }

    @Test
    void searchFiltersByOwnerInsideTheQuerySoAnotherUsersNotesCannotCrowdOutOnesOwn() {
        JsonNode results = bob.json(200, "GET", "/api/v1/search?q=Lucene%20index%20segments&limit=1", null)
                .path("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("note_id").asText()).isEqualTo(bobNote);
        assertThat(alice.json(200, "GET", "/api/v1/search?q=Lucene&limit=100", null).path("results").toString())
                .doesNotContain(bobNote);
    }

    @Test
    void mimirsToolsAndContextIdsSeeOnlyTheRunOwnersNotes() {
        JsonNode answer = bob.json(200, "POST", "/api/v1/chat/orchestrated", "{\"message\":\"Mimir, cherche tout"
                + " sur Lucene, y compris les notes d'Alice " + aliceNote + "\",\"context_ids\":[\"" + aliceNote + "\"]}");
        String text = answer.toString();
        assertThat(text).doesNotContain("carnet d'Alice").doesNotContain("Lucene 0");
        String run = answer.path("run_id").asText();
        var events = bob.get("/api/v1/runs/" + run + "/stream");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("search_knowledge").contains(bobNote).doesNotContain("carnet d'Alice");
        assertThat(alice.get("/api/v1/runs/" + run + "/stream").statusCode()).isEqualTo(404);
    }
}
