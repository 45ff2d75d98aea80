package scriptorium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scriptorium.testing.TestServer;

/** Accounts mode through real HTTP: sign-in and its throttle, sessions, tokens, users, limits and usage. */
class AccountsApiTest {

    private static final String ADMIN_PASSWORD = "admin-password-1";

    private static TestServer accounts(Map<String, String> more) {
        var env = new java.util.HashMap<>(Map.of("AUTH_MODE", "accounts", "ADMIN_PASSWORD", ADMIN_PASSWORD));
        env.putAll(more);
        return TestServer.start(env);
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieAndSignOutEndsTheSessionOnTheServer() {
        try (var server = accounts(Map.of())) {
            var response = Client.anonymous(server).post("/api/v1/session",
                    "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Client.read(response.body()).path("user").path("role").asText()).isEqualTo("admin");
            String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("scriptorium_session=").contains("HttpOnly", "SameSite=Strict", "Path=/")
                    .doesNotContain("Secure");
            var admin = new Client(server, "Cookie", cookie.split(";", 2)[0]);
            assertThat(Long.parseLong(cookie.replaceAll(".*Max-Age=(\\d+).*", "$1"))).isPositive();
            assertThat(admin.get("/api/v1/me").statusCode()).isEqualTo(200);
            assertThat(admin.send("DELETE", "/api/v1/session", null).statusCode()).isEqualTo(204);
            assertThat(admin.get("/api/v1/me").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void behindHttpsTheCookieIsSecureAndThePublicHostIsAccepted() {
        try (var server = accounts(Map.of("PUBLIC_URL", "https://notes.example.org"))) {
            var response = Client.anonymous(server).post("/api/v1/session",
                    "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}",
                    "Host", "notes.example.org", "Origin", "https://notes.example.org");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
        }
    }

    @Test
    void wrongCredentialsAnswerTheSameForAnUnknownUserThenBruteForceIsSlowed() {
        try (var server = accounts(Map.of())) {
            var anyone = Client.anonymous(server);
            var unknown = anyone.post("/api/v1/session", "{\"username\":\"nobody\",\"password\":\"wrong-password\"}");
            var wrong = anyone.post("/api/v1/session", "{\"username\":\"admin\",\"password\":\"wrong-password\"}");
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(unknown.body()).isEqualTo(wrong.body()).contains("bad_credentials");
            // Same time: an unknown user's password is checked against a decoy hash (Argon2id costs ~tens of ms).
            long unknownNanos = time(() -> anyone.post("/api/v1/session",
                    "{\"username\":\"ghost\",\"password\":\"wrong-password\"}"));
            long wrongNanos = time(() -> anyone.post("/api/v1/session",
                    "{\"username\":\"admin\",\"password\":\"wrong-password2\"}"));
            assertThat((double) unknownNanos / wrongNanos).isBetween(0.33, 3.0);
            // This address has failed 4 times: a fifth failure, then even the right password waits.
            assertThat(anyone.post("/api/v1/session", "{\"username\":\"admin\",\"password\":\"nope-nope-nope\"}")
                    .statusCode()).isEqualTo(401);
            var refused = anyone.post("/api/v1/session", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(Client.read(refused.body()).path("error").path("code").asText()).isEqualTo("too_many_attempts");
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 900L);
        }
    }

    @Test
    void aTokenIsShownOnceStoredHashedScopedAndRefusedAtOnceWhenRevoked() throws Exception {
        try (var server = accounts(Map.of())) {
            var admin = Client.session(server, "admin", ADMIN_PASSWORD);
            JsonNode created = admin.json(201, "POST", "/api/v1/tokens",
                    "{\"label\":\"laptop\",\"scopes\":[\"read\"],\"expires_in_days\":90}");
            String secret = created.path("token").asText();
            assertThat(secret).startsWith("scr_").hasSizeGreaterThan(40);
            String listed = admin.json(200, "GET", "/api/v1/tokens", null).toString();
            assertThat(listed).contains("laptop").doesNotContain(secret).doesNotContain(secret.substring(4, 20));

            // In the database: its SHA-256, never the token itself, in any column of any row.
            List<String> rows = new ArrayList<>();
            server.whileStopped(() -> {
                try (var db = DriverManager.getConnection(jdbc(server), "sa", "");
                     var result = db.createStatement().executeQuery("SELECT * FROM tokens")) {
                    while (result.next()) {
                        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                            rows.add(String.valueOf(result.getObject(i)));
                        }
                    }
                }
            });
            assertThat(rows).contains(sha256(secret)).noneMatch(value -> value.contains(secret.substring(4)));

            var reader = Client.anonymous(server).bearer(secret);
            assertThat(reader.get("/api/v1/notes").statusCode()).isEqualTo(200);
            var denied = reader.post("/api/v1/notes", "{\"title\":\"t\",\"content\":\"c\"}");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("insufficient_scope");
            admin = Client.session(server, "admin", ADMIN_PASSWORD); // the restart kept the session; a new one is fine too
            assertThat(admin.send("DELETE", "/api/v1/tokens/" + created.path("id").asText(), null).statusCode())
                    .isEqualTo(204);
            var revoked = reader.get("/api/v1/notes");
            assertThat(revoked.statusCode()).isEqualTo(401);
            assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    @Test
    void usersAreAdminsBusinessPasswordsAreLongAndADeletedUsersSessionEnds() {
        try (var server = accounts(Map.of())) {
            var admin = Client.session(server, "admin", ADMIN_PASSWORD);
            var shortPassword = admin.post("/api/v1/users", "{\"username\":\"carol\",\"password\":\"short\"}");
            assertThat(shortPassword.statusCode()).isEqualTo(400);
            assertThat(shortPassword.body()).contains("password");
            String carolId = admin.json(201, "POST", "/api/v1/users",
                    "{\"username\":\"carol\",\"password\":\"carol-password\",\"role\":\"user\"}").path("user").path("id").asText();
            assertThat(admin.post("/api/v1/users", "{\"username\":\"Carol\",\"password\":\"carol-password\"}")
                    .statusCode()).isEqualTo(409);
            var carol = Client.session(server, "carol", "carol-password");
            carol.json(201, "POST", "/api/v1/notes", "{\"title\":\"Carnet\",\"content\":\"Les mésanges du jardin.\"}");
            assertThat(carol.get("/api/v1/users").statusCode()).isEqualTo(403);
            assertThat(admin.json(200, "GET", "/api/v1/users", null).toString()).contains("carol").contains("admin");
            assertThat(admin.send("DELETE", "/api/v1/users/" + carolId, null).statusCode()).isEqualTo(204);
            assertThat(carol.get("/api/v1/me").statusCode()).isEqualTo(401);
            assertThat(admin.json(200, "GET", "/api/v1/search?q=m%C3%A9sanges", null).path("results")).isEmpty();
        }
    }

    @Test
    void securityEventsAreAuditedWithoutEverLoggingASecret() {
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("scriptorium.audit");
        var lines = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        lines.start();
        logger.addAppender(lines);
        var level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // the tests' root level is WARN
        try (var server = accounts(Map.of())) {
            Client.anonymous(server).post("/api/v1/session", "{\"username\":\"admin\",\"password\":\"guess-password\"}");
            var admin = Client.session(server, "admin", ADMIN_PASSWORD);
            String id = admin.json(201, "POST", "/api/v1/users", "{\"username\":\"fay\",\"password\":\"fay-password-1\"}")
                    .path("user").path("id").asText();
            JsonNode token = admin.json(201, "POST", "/api/v1/tokens", "{\"label\":\"ci\",\"scopes\":[\"read\"]}");
            admin.send("DELETE", "/api/v1/tokens/" + token.path("id").asText(), null);
            admin.send("DELETE", "/api/v1/users/" + id, null);
            List<String> logged = lines.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .toList();
            assertThat(String.join("\n", logged)).contains("action=sign_in user=admin client=127.0.0.1 outcome=failure",
                    "action=sign_in user=admin client=127.0.0.1 outcome=success", "action=user_created",
                    "target=fay:user", "action=token_created", "action=token_revoked", "action=user_deleted")
                    .doesNotContain(ADMIN_PASSWORD).doesNotContain("guess-password").doesNotContain("fay-password-1")
                    .doesNotContain(token.path("token").asText().substring(4));
        } finally {
            logger.setLevel(level);
            logger.detachAppender(lines);
        }
    }

    @Test
    void metricsAndHealthDetailsAreForAdminsAndMetricsTokens() {
        try (var server = accounts(Map.of())) {
            var admin = Client.session(server, "admin", ADMIN_PASSWORD);
            var anyone = Client.anonymous(server);
            assertThat(anyone.get("/health").statusCode()).isEqualTo(200);
            assertThat(anyone.get("/health").body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(admin.get("/health").body()).contains("live_runs");
            assertThat(anyone.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(admin.bearer(admin.token("metrics")).get("/metrics").body()).contains("scriptorium_");
            assertThat(admin.bearer(admin.token("read")).get("/metrics").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void runsPerMinuteThenTheDailyBudgetAreEnforcedPerUserAndUsageIsByDay() throws Exception {
        try (var server = accounts(Map.of("RUNS_PER_MINUTE", "2", "DAILY_BUDGET_USD", "0.5"))) {
            var admin = Client.session(server, "admin", ADMIN_PASSWORD);
            admin.json(201, "POST", "/api/v1/users", "{\"username\":\"dan\",\"password\":\"dan-password-1\"}");
            var dan = Client.session(server, "dan", "dan-password-1");
            for (int i = 0; i < 2; i++) {
                dan.json(200, "POST", "/api/v1/chat/orchestrated", "{\"message\":\"Plume, note : essai " + i + ".\"}");
            }
            var limited = dan.post("/api/v1/chat/orchestrated", "{\"message\":\"Plume, encore.\"}");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.body()).contains("rate_limited");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            // Another user's runs are not counted against dan: the admin still may start one.
            admin.json(200, "POST", "/api/v1/chat/orchestrated", "{\"message\":\"Plume, note : à moi.\"}");
            var usage = dan.json(200, "GET", "/api/v1/me/usage", null);
            assertThat(usage.path("today").path("runs").asLong()).isEqualTo(2);
            assertThat(usage.path("limits").path("daily_budget_usd").asDouble()).isEqualTo(0.5);
        }
        try (var server = accounts(Map.of("DAILY_BUDGET_USD", "0.000001"))) {
            var admin = Client.session(server, "admin", ADMIN_PASSWORD);
            // The Offline model costs nothing: a run billed by a paid model is what today's spend is made of.
            admin.json(200, "POST", "/api/v1/chat/orchestrated", "{\"message\":\"Plume, note : un.\"}");
            server.whileStopped(() -> {
                try (var db = DriverManager.getConnection(jdbc(server), "sa", "")) {
                    db.createStatement().executeUpdate("UPDATE runs SET cost_usd = 0.01");
                }
            });
            admin = Client.session(server, "admin", ADMIN_PASSWORD);
            var refused = admin.post("/api/v1/chat/orchestrated", "{\"message\":\"Plume, note : deux.\"}");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).contains("budget_exceeded");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private static String jdbc(TestServer server) {
        return "jdbc:h2:file:" + server.dataDir().resolve("scriptorium");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static long time(Runnable action) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 1; i++) {
            long started = System.nanoTime();
            action.run();
            best = Math.min(best, System.nanoTime() - started);
        }
        return best;
    }
}
