package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import scriptorium.json.Jackson;
import scriptorium.testing.TestServer;

/**
 * Accounts mode in real Chromium: two users each see only their own archive; a hostile note renders inert under the
 * page's CSP; tokens are shown once; and a page on another port of 127.0.0.1 cannot write into a signed-in archive.
 */
class AccessPageTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of("AUTH_MODE", "accounts", "ADMIN_USER", "alice",
            "ADMIN_PASSWORD", "alice-password-1"));

    private static Browser browser;
    /** Another site on another port of 127.0.0.1: counts what it is asked for, and serves the attack page. */
    private static HttpServer elsewhere;
    private static final AtomicInteger beacons = new AtomicInteger();

    @BeforeAll
    static void open() throws IOException {
        browser = Browser.open();
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/pixel.png", exchange -> {
            beacons.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        elsewhere.createContext("/attack.html", exchange -> {
            byte[] page = attackPage(server.uri("/api/v1/notes").toString()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        elsewhere.start();
        var alice = server.signIn("alice", "alice-password-1");
        server.send(HttpRequest.newBuilder(server.uri("/api/v1/users")).header("Cookie", alice)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bob\",\"password\":\"bob-password-1\"}"))
                .build());
    }

    @AfterAll
    static void close() {
        browser.close();
        elsewhere.stop(0);
    }

    @Test
    void twoUsersSeeOnlyTheirOwnArchiveAHostileNoteIsInertAndAnotherPortCannotWrite() throws Exception {
        HttpResponse<String> page = server.get("/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "img-src 'self' data:", "object-src 'none'", "frame-ancestors 'none'",
                        "base-uri 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        // Alice signs in, chats, and keeps a hostile note (written by a model, or pasted from elsewhere).
        signIn("alice", "alice-password-1");
        send("Plume, note : les clés sont sous le pot de géranium.");
        String alicesConversation = browser.conversationId();
        String hostile = "Voir ![pixel](http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/pixel.png) et"
                + " <img src=\"http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/pixel.png?raw\">"
                + " <img src=x onerror=\"window.pwned=1\"> <script>window.pwned=2</script> fin du géranium.";
        String noteId = createNoteInPage("Note piégée", hostile);
        browser.await("the hostile note rendered", () -> browser.find("#note-view .msg-body").getText().contains("fin du"));
        assertThat(browser.js("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.findAll("#note-view img")).isEmpty();
        assertThat(browser.findAll("#note-view script")).isEmpty();
        assertThat(beacons.get()).as("requests the note's images made to another site").isZero();
        browser.find("#close-notes").click();

        // A token: shown once, listed without its secret.
        browser.find("#user-menu").click();
        browser.await("the account dialog", () -> browser.find("#account-dialog").isDisplayed());
        browser.await("the token form", () -> browser.find("#token-form input[name=label]").isDisplayed());
        browser.find("#token-form input[name=label]").sendKeys("page token");
        browser.find("#token-form button[type=submit]").click();
        String secret = browser.await("the new token", () -> browser.findAll("#token-secret").isEmpty() ? null
                : browser.find("#token-secret").getText());
        assertThat(secret).startsWith("scr_");
        assertThat(browser.find("#token-list").getText()).contains("page token").doesNotContain(secret);
        assertThat(browser.find("#usage-today").getText()).contains("1 runs");

        // A page on another port of 127.0.0.1 (same site, other origin; the cookie is sent) tries to write.
        long before = notes(secret).path("total").asLong();
        browser.driver().get("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/attack.html");
        browser.await("the attack page to have tried", () -> "done".equals(browser.js("return document.title")));
        assertThat(notes(secret).path("total").asLong()).as("notes after the attack").isEqualTo(before);

        // Sign out; Bob signs in and sees none of it, whatever he searches.
        browser.get(server.uri("/").toString());
        browser.await("the page as alice", () -> !browser.find("#user-menu").getText().isEmpty());
        browser.find("#user-menu").click();
        browser.await("the sign-out button", () -> browser.find("#sign-out").isDisplayed());
        browser.find("#sign-out").click();
        browser.await("the sign-in form", () -> !browser.findAll("#sign-in").isEmpty());
        signIn("bob", "bob-password-1");
        browser.await("bob's empty list", () -> browser.find("#conversations-empty").isDisplayed());
        assertThat(browser.findAll("#conversations li")).isEmpty();
        browser.find("#toggle-notes").click();
        browser.find("#note-query").sendKeys("géranium", Keys.ENTER);
        browser.await("the search to answer", () -> browser.find("#notes-message").getText().matches(".*(No|0).*"));
        assertThat(browser.findAll("#note-results [data-note-id='" + noteId + "']")).isEmpty();
        browser.get(server.uri("/?c=" + alicesConversation).toString());
        browser.await("alice's conversation refused to bob", () -> !browser.findAll("#log .error-box").isEmpty());
        assertThat(browser.find("#log").getText()).doesNotContain("géranium");
    }

    private static void signIn(String username, String password) {
        browser.get(server.uri("/").toString());
        browser.await("the sign-in form", () -> !browser.findAll("#sign-in").isEmpty());
        assertThat(browser.find("#user-menu").isDisplayed()).isFalse();
        browser.find("#sign-in input[name=username]").sendKeys(username);
        browser.find("#sign-in input[name=password]").sendKeys(password, Keys.ENTER);
        browser.await("the page, signed in as " + username, () -> browser.find("#user-menu").getText().equals(username));
    }

    private static void send(String text) {
        int before = browser.findAll("#log .run .stats").size();
        browser.find("#message").sendKeys(text, Keys.ENTER);
        browser.await("the answer to \"" + text + "\"", () -> browser.findAll("#log .run .stats").size() > before);
    }

    private static String createNoteInPage(String title, String content) {
        browser.find("#toggle-notes").click();
        browser.find("#new-note").click();
        browser.find("#note-view input[name=title]").sendKeys(title);
        browser.js("document.querySelector('#note-view textarea[name=content]').value = arguments[0]", content);
        browser.find("#note-view button[type=submit]").click();
        browser.await("the created note", () -> browser.find("#notes-message").getText().equals("Note created."));
        return browser.find("#note-view").getAttribute("data-note-id");
    }

    private static JsonNode notes(String token) throws IOException {
        var response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/notes"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return Jackson.MAPPER.readTree(response.body());
    }

    /** What a hostile page does: a text/plain fetch (no preflight), a JSON fetch, and a form post, all with cookies. */
    private static String attackPage(String target) {
        return """
                <!doctype html><html><head><title>attacking</title></head><body>
                <iframe name="sink"></iframe>
                <form id="f" method="post" action="%1$s" enctype="text/plain" target="sink">
                  <input name='{"title":"csrf form","content":"x","pad":"' value='"}'>
                </form>
                <script>
                  (async () => {
                    const body = JSON.stringify({title: "csrf", content: "written by another site"});
                    await fetch("%1$s", {method: "POST", mode: "no-cors", credentials: "include",
                      headers: {"Content-Type": "text/plain"}, body}).catch(() => null);
                    await fetch("%1$s", {method: "POST", credentials: "include",
                      headers: {"Content-Type": "application/json"}, body}).catch(() => null);
                    document.getElementById("f").submit();
                    setTimeout(() => { document.title = "done"; }, 1500);
                  })();
                </script></body></html>""".formatted(target);
    }
}
