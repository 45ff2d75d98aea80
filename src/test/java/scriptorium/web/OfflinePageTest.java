package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import scriptorium.testing.TestServer;

/**
 * The installed page without its server: the service worker opens the shell, says it is offline, shows a
 * conversation already read, keeps a note captured meanwhile in its outbox, and sends it once when the server is back.
 */
class OfflinePageTest {

    @Test
    void theShellOpensOfflineAndANoteCapturedOfflineIsSentOnceBackOnline() throws Exception {
        int port = freePort(); // the same origin after the restart: the service worker and the outbox are per origin
        var server = TestServer.start(Map.of("PORT", String.valueOf(port)));
        String base = "http://127.0.0.1:" + port;
        try (var browser = Browser.open(1280, 900)) {
            browser.get(server.uri("/").toString());
            browser.await("the service worker to control the page",
                    () -> (Boolean) browser.js("return !!navigator.serviceWorker.controller"));
            var manifest = server.get("/manifest.json");
            assertThat(manifest.body()).contains("\"display\": \"standalone\"", "share_target", "512x512");

            browser.find("#message").sendKeys("Plume, reformule : le cache évite de recalculer ce qui ne change pas.",
                    Keys.ENTER);
            browser.await("Plume's answer", browser::runEnded);
            String conversation = browser.conversationId();
            browser.get(server.uri("/?c=" + conversation).toString()); // read once online: kept for offline
            browser.await("the conversation", () -> browser.pageText().contains("recalculer"));

            server.stop();
            network(browser, true);
            browser.get(base + "/?c=" + conversation);
            browser.await("the offline banner", () -> browser.find("#offline-banner").isDisplayed());
            assertThat(browser.find("#server-state").getText()).isEqualTo("Offline");
            browser.await("the conversation read from this device", () -> browser.pageText().contains("recalculer"));

            browser.find("#message").sendKeys("Acheter des graines de capucine pour le balcon", Keys.ENTER);
            browser.await("the note waiting in the outbox", () -> browser.find("#outbox").isDisplayed()
                    && browser.find("#outbox-list").getText().contains("Acheter des graines de capucine"));
            browser.get(base + "/"); // still there after a reload: kept in IndexedDB
            browser.await("the outbox after a reload", () -> browser.find("#outbox-list").getText()
                    .contains("Acheter des graines de capucine"));

            server.resume();
            network(browser, false);
            browser.await("the outbox to empty", () -> !browser.find("#outbox").isDisplayed());
            browser.js("window.dispatchEvent(new Event('online'))"); // a second flush finds nothing left to send
            Browser.sleep(500);
            String notes = server.get("/api/v1/notes?limit=100").body();
            assertThat(notes.split("Acheter des graines de capucine pour le balcon", -1))
                    .as("the note, sent once (its title and its content)").hasSize(3);
            browser.await("the banner to go", () -> !browser.find("#offline-banner").isDisplayed());

            // Shared from another app (the manifest's share_target): the service worker keeps it, then it is sent.
            Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const form = new FormData();
                    form.append('title', 'Lien partagé');
                    form.append('text', 'Un article sur les haies champêtres');
                    fetch('/share', { method: 'POST', body: form, redirect: 'manual' })
                      .then(r => done(r.type + ' ' + r.status), e => done('failed ' + e.message));""");
            assertThat(String.valueOf(status)).startsWith("opaqueredirect");
            browser.js("window.dispatchEvent(new Event('online'))");
            browser.await("the shared text saved as a note", () -> server.get("/api/v1/notes?limit=100").body()
                    .contains("Un article sur les haies champêtres"));
        } finally {
            server.close();
        }
    }

    private static void network(Browser browser, boolean offline) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
