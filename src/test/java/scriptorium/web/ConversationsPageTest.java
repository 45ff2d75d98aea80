package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import scriptorium.testing.TestServer;

/** The conversations side list: a new one per "New conversation", open one to see its history, delete one. */
class ConversationsPageTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    private static Browser browser;

    @BeforeAll
    static void open() {
        browser = Browser.open();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void conversationsAreListedReopenedWithTheirHistoryAndDeleted() {
        browser.get(server.uri("/").toString());
        send("Plume, reformule : le premier sujet parle de jardins.");
        String first = browser.conversationId();
        send("Plume, ajoute que les jardins aiment la pluie.");
        assertThat(browser.conversationId()).as("a second message continues the conversation").isEqualTo(first);

        browser.find("#new-conversation").click();
        assertThat(browser.find("#welcome").isDisplayed()).isTrue();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("c=");
        send("Plume, reformule : le second sujet parle de montagnes.");
        String second = browser.conversationId();
        assertThat(second).isNotEqualTo(first);

        browser.await("both conversations in the list", () -> browser.findAll("#conversations li").size() == 2);
        assertThat(browser.find("#conversations [aria-current=true]").getAttribute("data-id")).isEqualTo(second);

        item(first).click();
        browser.await("the first conversation's history", () -> browser.findAll("#log .run").size() == 2
                && browser.findAll("#log .run .stats").size() == 2);
        assertThat(browser.findAll("#log .msg-user")).extracting(WebElement::getText).containsExactly(
                "Plume, reformule : le premier sujet parle de jardins.", "Plume, ajoute que les jardins aiment la pluie.");
        assertThat(browser.find("#log .run .msg[data-agent=plume]").getText()).contains("jardins");
        assertThat(browser.find("#log .run .stats").getText()).contains("Route: Plume").contains("Model: offline");
        assertThat(browser.driver().getCurrentUrl()).contains("c=" + first);

        // Delete takes two clicks; deleting the open conversation leaves an empty one.
        WebElement delete = browser.find("#conversations li:has([data-id='" + first + "']) .conversation-delete");
        delete.click();
        assertThat(server.get("/api/v1/conversations/" + first).statusCode()).as("one click deletes nothing").isEqualTo(200);
        delete.click();
        browser.await("the list without it", () -> browser.findAll("#conversations li").size() == 1);
        assertThat(server.get("/api/v1/conversations/" + first).statusCode()).isEqualTo(404);
        assertThat(browser.find("#welcome").isDisplayed()).isTrue();

        // A reload keeps the list, and the URL reopens a conversation.
        browser.get(server.uri("/?c=" + second).toString());
        browser.await("the second conversation's history", () -> browser.findAll("#log .run .stats").size() == 1);
        assertThat(browser.find("#log .msg-user").getText()).contains("montagnes");

        // A deleted conversation's URL says so plainly, and the list is still there.
        browser.get(server.uri("/?c=" + first).toString());
        browser.await("the explanation", () -> browser.find("#log .error-box").getText()
                .equals("This conversation no longer exists."));
        browser.await("the list", () -> browser.findAll("#conversations li").size() == 1);
    }

    private static WebElement item(String id) {
        return browser.find("#conversations [data-id='" + id + "']");
    }

    private static void send(String text) {
        int before = browser.findAll("#log .run .stats").size();
        browser.find("#message").sendKeys(text, Keys.ENTER);
        browser.await("the answer to \"" + text + "\"", () -> browser.findAll("#log .run .stats").size() > before);
    }
}
