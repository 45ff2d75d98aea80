package scriptorium.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import scriptorium.testing.TestServer;

/** The first start in accounts mode: the one-time setup link, and an archive from local mode kept by the first admin. */
class FirstStartTest {

    @Test
    void withoutAdminPasswordTheSetupLinkCreatesTheFirstAdminOnceAndExistingDataIsTheirs() throws Exception {
        try (var server = TestServer.start(Map.of())) {
            var local = Client.anonymous(server);
            assertThat(local.json(200, "GET", "/api/v1/me", null).path("mode").asText()).isEqualTo("local");
            String noteId = local.json(201, "POST", "/api/v1/notes",
                    "{\"title\":\"Avant les comptes\",\"content\":\"Une note écrite en mode local.\"}").path("id").asText();

            server.restart(Map.of("AUTH_MODE", "accounts"));
            String secret = server.app().setupSecret().orElseThrow();
            var anyone = Client.anonymous(server);
            assertThat(anyone.get("/api/v1/notes").statusCode()).isEqualTo(401);
            var wrong = anyone.post("/api/v1/setup", "{\"secret\":\"nope\",\"username\":\"ada\",\"password\":\"ada-password-1\"}");
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(anyone.post("/api/v1/setup", "{\"secret\":\"" + secret
                    + "\",\"username\":\"ada\",\"password\":\"short\"}").statusCode()).isEqualTo(400);
            var created = anyone.post("/api/v1/setup", "{\"secret\":\"" + secret
                    + "\",\"username\":\"ada\",\"password\":\"ada-password-1\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly");
            assertThat(anyone.post("/api/v1/setup", "{\"secret\":\"" + secret
                    + "\",\"username\":\"eve\",\"password\":\"eve-password-1\"}").statusCode()).isEqualTo(403);

            var ada = Client.session(server, "ada", "ada-password-1");
            assertThat(ada.json(200, "GET", "/api/v1/me", null).path("user").path("role").asText()).isEqualTo("admin");
            assertThat(ada.json(200, "GET", "/api/v1/notes/" + noteId, null).path("title").asText())
                    .isEqualTo("Avant les comptes");
            assertThat(ada.json(200, "GET", "/api/v1/search?q=comptes", null).path("results")).hasSize(1);

            server.restart(Map.of());
            assertThat(server.app().setupSecret()).isEmpty(); // someone can sign in: no new link
        }
    }
}
