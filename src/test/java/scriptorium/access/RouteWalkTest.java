package scriptorium.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/**
 * Every route the server registers, read from Javalin's router (a new route cannot be forgotten: one whose ids this
 * walk cannot fill fails it), tried as an attacker would: without credentials, with another user's ids, from a
 * foreign origin, through a rebinding Host, with a text/plain body, and with a token lacking the route's scope.
 * The table it produced is written to {@code target/access-routes.md}.
 */
class RouteWalkTest {

    static final String ALICE_PASSWORD = "alice-password-1";
    static final String BOB_PASSWORD = "bob-password-22";

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("AUTH_MODE", "accounts", "ADMIN_USER", "alice",
            "ADMIN_PASSWORD", ALICE_PASSWORD));

    static Client alice;
    static Client bob;
    static String note;
    static String conversation;
    static String run;
    static String token;

    @BeforeAll
    static void twoUsersAndAliceData() {
        alice = Client.session(server, "alice", ALICE_PASSWORD);
        alice.json(201, "POST", "/api/v1/users", "{\"username\":\"bob\",\"password\":\"" + BOB_PASSWORD
                + "\",\"role\":\"user\"}");
        bob = Client.session(server, "bob", BOB_PASSWORD);
        note = alice.json(201, "POST", "/api/v1/notes", "{\"title\":\"Secret d'Alice\",\"content\":\"Le code du"
                + " coffre est zanzibar.\"}").path("id").asText();
        var answer = alice.json(200, "POST", "/api/v1/chat/orchestrated", "{\"message\":\"Plume, note : zanzibar.\"}");
        conversation = answer.path("session_id").asText();
        run = answer.path("run_id").asText();
        alice.token("read");
        token = alice.json(200, "GET", "/api/v1/tokens", null).path("tokens").get(0).path("id").asText();
    }

    @Test
    void everyRouteRefusesWhatItMustAndTheTableIsKept() throws IOException {
        List<String> routes = server.app().routes();
        assertThat(routes).contains("GET /api/v1/notes/{id}", "GET /api/v1/runs/{id}/stream", "POST /api/v1/tokens");
        var table = new StringBuilder("| route | need | checks |\n|---|---|---|\n");
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String template = route.substring(route.indexOf(' ') + 1);
            Need need = Policy.of(method, template);
            List<String> checks = walk(method, template, need);
            table.append("| `").append(route).append("` | ").append(need.name().toLowerCase()).append(" | ")
                    .append(String.join("; ", checks)).append(" |\n");
        }
        Path file = Path.of("target", "access-routes.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
        System.out.println(table);
    }

    @Test
    void searchAndListsNeverShowAnotherUsersNotes() {
        assertThat(bob.json(200, "GET", "/api/v1/search?q=zanzibar%20coffre%20Alice", null).path("results")).isEmpty();
        assertThat(bob.json(200, "GET", "/api/v1/notes", null).path("notes")).isEmpty();
        assertThat(bob.json(200, "GET", "/api/v1/conversations", null).path("conversations")).isEmpty();
        assertThat(alice.json(200, "GET", "/api/v1/search?q=zanzibar", null).path("results")).isNotEmpty();
    }

    private static List<String> walk(String method, String template, Need need) {
        List<String> checks = new ArrayList<>();
        boolean changes = !method.equals("GET") && !method.equals("HEAD");
        String path = path(template);
        String body = changes ? body(template) : null;

        expect(checks, "rebinding Host", bob.send(method, path, body, "Host", "evil.example:" + server.uri("/").getPort()),
                403, "bad_host");
        if (changes) {
            expect(checks, "foreign Origin", bob.send(method, path, body, "Origin", "http://evil.example"), 403,
                    "cross_origin");
            expect(checks, "sibling port", bob.send(method, path, body, "Origin", "http://127.0.0.1:1",
                    "Sec-Fetch-Site", "same-site"), 403, "cross_origin");
            expect(checks, "text/plain body", bob.send(method, path, "{}", "Content-Type", "text/plain"), 415,
                    "unsupported_media_type");
        }
        if (need == Need.OPEN) {
            checks.add("open");
            return checks;
        }
        var anonymous = Client.anonymous(server).send(method, path, body);
        expect(checks, "no credentials", anonymous, 401, "unauthenticated");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(template).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        if (need == Need.SIGNED_IN) {
            checks.add("scopes checked per tool (McpAccessTest)");
        } else {
            expect(checks, "wrong scope", bob.bearer(bob.token(wrongScope(need))).send(method, path, body), 403,
                    "insufficient_scope");
        }
        if (need == Need.ADMIN) {
            expect(checks, "non-admin", bob.send(method, path, body), 403, "admin_only");
        } else if (template.contains("{id}") && !template.startsWith("/api/v1/users/")) {
            expect(checks, "another user's id", bob.send(method, path, body), 404, "not_found");
            if (!changes) { // the same id answers its owner: the 404 above is about whose it is, not the id
                assertThat(alice.send(method, path, null).statusCode()).as("alice: %s", path).isEqualTo(200);
                checks.add("owner → 200");
            }
        } else if (template.startsWith("/api/v1/chat/")) {
            expect(checks, "another user's session_id", bob.send(method, path,
                    "{\"message\":\"Mimir, zanzibar ?\",\"session_id\":\"" + conversation + "\"}"), 404, "not_found");
        }
        return checks;
    }

    private static void expect(List<String> checks, String what, HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("%s: %s %s", what, response.request().method(), response.uri())
                .isEqualTo(status);
        assertThat(Client.read(response.body()).path("error").path("code").asText()).as(what + " code").isEqualTo(code);
        checks.add(what + " → " + status);
    }

    /** The ids of Alice's rows in the route's path; a route with an id this walk does not know fails it. */
    private static String path(String template) {
        String id = template.startsWith("/api/v1/notes/") || template.startsWith("/api/v1/trash/") ? note
                : template.startsWith("/api/v1/conversations/") ? conversation
                : template.startsWith("/api/v1/runs/") ? run
                : template.startsWith("/api/v1/tokens/") ? token
                : template.startsWith("/api/v1/users/") ? "u-someone"
                : null;
        if (template.contains("{")) {
            assertThat(id).as("no id known for %s: add its kind to RouteWalkTest", template).isNotNull();
            return template.replace("{n}", "1").replaceAll("\\{[^}]+}", id); // {n}: a revision number
        }
        return template;
    }

    private static String body(String template) {
        return switch (template) {
            case "/api/v1/notes/{id}" -> "{\"version\":1,\"title\":\"pris\"}";
            case "/api/v1/notes" -> "{\"title\":\"t\",\"content\":\"c\"}";
            case "/api/v1/notes/{id}/restore" -> "{\"revision\":1}";
            case "/api/v1/chat/orchestrated", "/api/v1/chat/orchestrated/stream" -> "{\"message\":\"Mimir, zanzibar ?\"}";
            default -> "{}";
        };
    }

    /** Scopes that do not include what the route needs (for session and admin routes: any token at all). */
    private static String[] wrongScope(Need need) {
        return switch (need) {
            case READ -> new String[] {"write", "chat"};
            case WRITE, CHAT, METRICS -> new String[] {"read"};
            case SESSION, ADMIN -> new String[] {"read", "write", "chat"};
            case OPEN, SIGNED_IN -> throw new IllegalArgumentException("no scope is wrong for the gate here");
        };
    }
}
