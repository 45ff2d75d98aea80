package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.capture.fake.FakeTranscriptionServer;
import scriptorium.testing.TestServer;

/** A voice note recorded in real Chromium from its fake microphone, on a phone-sized screen, becomes a note. */
class VoiceNotePageTest {

    static final FakeTranscriptionServer transcription = new FakeTranscriptionServer(null);

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of(
            "TRANSCRIPTION_BASE_URL", transcription.baseUrl(), "OFFLINE_CHUNK_DELAY_MS", "5"));

    private static Browser browser;

    @BeforeAll
    static void open() {
        browser = Browser.open(500, 900);
        browser.emulatePhone();
    }

    @AfterAll
    static void close() {
        browser.close();
        transcription.close();
    }

    @Test
    void twoSecondsRecordedAndSentBecomeANoteShownInTheChat() throws Exception {
        browser.get(server.uri("/").toString());
        browser.await("the record button to know transcription is on",
                () -> browser.find("#record").getAttribute("aria-disabled") == null);
        browser.find("#record").click();
        browser.await("the recorder", () -> browser.find("#recorder").isDisplayed());
        Browser.sleep(2000);
        assertThat(browser.find("#rec-time").getText()).matches("0:0[1-3]");
        assertThat(((Number) browser.js("return document.getElementById('rec-level').value")).doubleValue())
                .as("the fake microphone's beep moves the level meter").isGreaterThan(0);
        browser.find("#rec-send").click();
        browser.await("Plume's note", browser::runEnded);
        assertThat(browser.find("#recorder").isDisplayed()).isFalse();

        var received = transcription.takeRequest();
        assertThat(received.fileName()).isEqualTo("voice-note.webm");
        assertThat(received.fileBytes()).as("two seconds of Opus").isGreaterThan(2000);
        String page = browser.pageText();
        assertThat(page).contains("Voice note (0:0");
        var plume = browser.bubbles().getLast();
        assertThat(plume).containsEntry("agent", "plume");
        assertThat((String) plume.get("text")).contains("jardin de pluie");
        assertThat((String) browser.js("return document.querySelector('#log .run:last-of-type').textContent"))
                .contains("Transcribed 0:02");

        // The note is in the archive with its transcript.
        String notes = server.get("/api/v1/notes?tag=voice").body();
        assertThat(notes).contains("## Transcript").contains(FakeTranscriptionServer.DEFAULT_TEXT.substring(0, 30));
        browser.screenshot(Path.of("target", "screenshots", "voice-note-phone.png"));
    }

    @Test
    void atPhoneWidthNothingScrollsSidewaysAndTheCaptureControlsAreEasyToTouch() {
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 2, "mobile", true));
        try {
            browser.get(server.uri("/").toString());
            browser.find("#record").click();
            browser.await("the recorder", () -> browser.find("#recorder").isDisplayed());
            assertThat((Long) browser.js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(360);
            for (String control : List.of("#record", "#attach", "#send", "#rec-stop", "#rec-cancel", "#rec-send")) {
                if (!control.equals("#record")) {
                    Number height = (Number) browser.js("return document.querySelector(arguments[0]).getBoundingClientRect().height", control);
                    Number width = (Number) browser.js("return document.querySelector(arguments[0]).getBoundingClientRect().width", control);
                    assertThat(height.doubleValue()).as(control + " height").isGreaterThanOrEqualTo(44);
                    assertThat(width.doubleValue()).as(control + " width").isGreaterThanOrEqualTo(44);
                }
            }
            browser.find("#rec-cancel").click();
            browser.await("the recorder to close", () -> !browser.find("#recorder").isDisplayed());
            assertThat(transcription.requestCount()).as("a cancelled recording is never sent").isLessThanOrEqualTo(1);
        } finally {
            browser.emulatePhone();
        }
    }
}
