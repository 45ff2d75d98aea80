package scriptorium.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scriptorium.capture.fake.FakeTranscriptionServer;
import scriptorium.capture.fake.FakeTranscriptionServer.Answer;
import scriptorium.config.ModelSettings.ModelCalls;
import scriptorium.config.Secret;
import scriptorium.config.TranscriptionSettings;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;

/** The transcriber against the fake server: the wire format, and each fault classified as the chat models' are. */
class OpenAiTranscriberTest {

    static final FakeTranscriptionServer fake = new FakeTranscriptionServer(FakeTranscriptionServer.KEY);
    static final ModelCalls CALLS = new ModelCalls(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1),
            3, Duration.ofMillis(5), Duration.ofSeconds(5));

    @BeforeEach
    void quiet() {
        fake.reset();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(new Answer.Status(429, "rate_limit_exceeded", "slow down", "1"), Kind.RATE_LIMITED),
                Arguments.of(new Answer.Status(500, "server_error", "boom", null), Kind.UNAVAILABLE),
                Arguments.of(new Answer.Status(503, "server_error", "busy", null), Kind.UNAVAILABLE),
                Arguments.of(new Answer.Status(401, "invalid_request_error", "bad key", null), Kind.AUTH),
                Arguments.of(new Answer.Status(400, "invalid_request_error", "bad file", null), Kind.BAD_REQUEST),
                Arguments.of(new Answer.Status(413, "invalid_request_error", "too big", null), Kind.BAD_REQUEST),
                Arguments.of(new Answer.NotJson(), Kind.UNEXPECTED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("faults")
    void eachFaultIsClassifiedAsTheChatModelsAre(Answer fault, Kind kind) {
        fake.enqueue(fault);
        try (var transcriber = transcriber(FakeTranscriptionServer.KEY)) {
            assertThatThrownBy(() -> transcriber.transcribe(new Audio(AudioFormat.WAV, TestAudio.wav(0.5), null)))
                    .isInstanceOfSatisfying(ModelException.class, e -> {
                        assertThat(e.kind()).isEqualTo(kind);
                        assertThat(e.getMessage()).doesNotContain(FakeTranscriptionServer.KEY);
                    });
        }
    }

    @Test
    void aServerSilentPastTheDeadlineIsATimeout() throws InterruptedException {
        fake.enqueue(new Answer.Stall(Duration.ofMillis(1500)));
        try (var transcriber = transcriber(FakeTranscriptionServer.KEY)) {
            assertThatThrownBy(() -> transcriber.transcribe(new Audio(AudioFormat.WAV, TestAudio.wav(0.5), null)))
                    .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        }
        Thread.sleep(1000); // the fake finishes its stalled answer before the next test talks to it
    }

    @Test
    void aTranscriptComesBackWithItsLanguageAndDuration() throws Exception {
        fake.enqueue(new Answer.Text("Bonjour.", "french", 1.25));
        try (var transcriber = transcriber(FakeTranscriptionServer.KEY)) {
            Transcript transcript = transcriber.transcribe(new Audio(AudioFormat.OGG, ogg(), "fr"));
            assertThat(transcript).isEqualTo(new Transcript("Bonjour.", "french", Duration.ofMillis(1250)));
        }
        var request = fake.takeRequest();
        assertThat(request.fileName()).isEqualTo("voice-note.ogg");
        assertThat(request.fileType()).isEqualTo("audio/ogg");
        assertThat(request.fields()).containsEntry("language", "fr").containsEntry("response_format", "verbose_json");
    }

    @Test
    void retriesGiveUpAfterTheAttemptsAndKeepTheEarlierFailures() {
        for (int i = 0; i < 3; i++) {
            fake.enqueue(new Answer.Status(503, "server_error", "busy " + i, null));
        }
        try (var transcriber = transcriber(FakeTranscriptionServer.KEY)) {
            var retries = new java.util.ArrayList<Integer>();
            var retrying = new RetryingTranscriber(transcriber, CALLS);
            assertThatThrownBy(() -> retrying.transcribe(new Audio(AudioFormat.WAV, TestAudio.wav(0.2), null),
                    retry -> retries.add(retry.attempt())))
                    .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.getSuppressed()).hasSize(2));
            assertThat(retries).containsExactly(1, 2);
        }
    }

    @Test
    void aWrongKeyIsAnAuthFailureThatNamesTheVariable() {
        try (var transcriber = transcriber("sk-wrong")) {
            assertThatThrownBy(() -> transcriber.transcribe(new Audio(AudioFormat.WAV, TestAudio.wav(0.2), null)))
                    .hasMessageContaining("TRANSCRIPTION_API_KEY").hasMessageNotContaining("sk-wrong");
        }
    }

    private static OpenAiTranscriber transcriber(String key) {
        return new OpenAiTranscriber(new TranscriptionSettings.OpenAiCompatible(fake.baseUrl(), new Secret(key),
                "whisper-1", CALLS));
    }

    private static byte[] ogg() {
        byte[] bytes = new byte[256];
        System.arraycopy("OggS".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        return bytes;
    }
}
