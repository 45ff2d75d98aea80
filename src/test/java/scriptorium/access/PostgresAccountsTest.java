package scriptorium.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/** Accounts on PostgreSQL: the same migrations and queries as on H2 (users, sessions, tokens, throttle, limits, usage). */
class PostgresAccountsTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClassOnPostgres(Map.of("AUTH_MODE", "accounts",
            "ADMIN_PASSWORD", "admin-password-1", "RUNS_PER_MINUTE", "1"));

    @Test
    void accountsTokensLimitsAndOwnershipWorkOnPostgres() {
        var admin = Client.session(server, "admin", "admin-password-1");
        admin.json(201, "POST", "/api/v1/users", "{\"username\":\"bea\",\"password\":\"bea-password-1\"}");
        assertThat(Client.anonymous(server).post("/api/v1/session", "{\"username\":\"bea\",\"password\":\"nope-nope-1\"}")
                .statusCode()).isEqualTo(401);
        var bea = Client.session(server, "bea", "bea-password-1");
        var token = bea.bearer(bea.token("read", "write", "chat"));
        String note = token.json(201, "POST", "/api/v1/notes", "{\"title\":\"Ruches\",\"content\":\"Les abeilles"
                + " de Béa.\"}").path("id").asText();
        assertThat(admin.get("/api/v1/notes/" + note).statusCode()).isEqualTo(404);
        assertThat(admin.json(200, "GET", "/api/v1/search?q=abeilles", null).path("results")).isEmpty();
        token.json(200, "POST", "/api/v1/chat/orchestrated", "{\"message\":\"Mimir, cherche abeilles\"}");
        var limited = token.post("/api/v1/chat/orchestrated", "{\"message\":\"Mimir, encore\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(bea.json(200, "GET", "/api/v1/me/usage", null).path("today").path("runs").asLong()).isEqualTo(1);
        assertThat(bea.json(200, "GET", "/api/v1/tokens", null).path("tokens").get(0).path("last_used_at").isTextual())
                .isTrue();
    }
}
