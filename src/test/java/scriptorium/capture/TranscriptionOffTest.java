package scriptorium.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.config.TranscriptionSettings;
import scriptorium.testing.Multipart;
import scriptorium.testing.TestServer;

/** With no transcription configured, voice notes are refused with the sentence that says how to enable them. */
class TranscriptionOffTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @Test
    void aRecordingIsRefusedWith503AndHowToEnableTranscription() throws Exception {
        var response = server.send(new Multipart().file("audio", "a.wav", "audio/wav", TestAudio.wav(1))
                .post(server.uri("/api/v1/capture/audio")).build());
        assertThat(response.statusCode()).isEqualTo(503);
        var error = new ObjectMapper().readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("transcription_unavailable");
        assertThat(error.get("message").asText()).isEqualTo(TranscriptionSettings.HOW_TO_ENABLE);
        var status = new ObjectMapper().readTree(server.get("/api/v1/capture").body());
        assertThat(status.at("/audio/available").asBoolean()).isFalse();
        assertThat(status.at("/audio/message").asText()).contains("TRANSCRIPTION_BASE_URL");
        assertThat(server.get("/api/v1/conversations").body()).doesNotContain("Voice note");
    }
}
