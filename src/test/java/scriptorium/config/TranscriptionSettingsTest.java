package scriptorium.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where voice notes are transcribed, from the environment; a local server never gets the OpenAI key. */
class TranscriptionSettingsTest {

    @Test
    void offWithNothingSet() {
        assertThat(Settings.from(Map.of()).transcription()).isInstanceOf(TranscriptionSettings.Off.class);
    }

    @Test
    void anOpenAiKeyMeansOpenAisOwnServerWithWhisper() {
        var settings = (TranscriptionSettings.OpenAiCompatible) Settings.from(Map.of("OPENAI_API_KEY", "sk-1"))
                .transcription();
        assertThat(settings.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(settings.apiKey().value()).isEqualTo("sk-1");
        assertThat(settings.model()).isEqualTo("whisper-1");
    }

    @Test
    void aLocalServerTakesItsOwnKeyOrNoneNeverTheOpenAiOne() {
        var local = (TranscriptionSettings.OpenAiCompatible) Settings.from(Map.of("OPENAI_API_KEY", "sk-1",
                "TRANSCRIPTION_BASE_URL", "http://localhost:8000/v1/", "TRANSCRIPTION_MODEL", "Systran/faster-whisper-small"))
                .transcription();
        assertThat(local.baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(local.apiKey().value()).isEmpty();
        assertThat(local.model()).isEqualTo("Systran/faster-whisper-small");
        assertThat(local.describe()).doesNotContain("sk-1");
    }

    @Test
    void aBadUrlIsReportedAtStart() {
        assertThatThrownBy(() -> Settings.from(Map.of("TRANSCRIPTION_BASE_URL", "localhost:8000")))
                .hasMessageContaining("TRANSCRIPTION_BASE_URL");
    }
}
