package scriptorium.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.capture.fake.FakeTranscriptionServer;
import scriptorium.capture.fake.FakeTranscriptionServer.Answer;
import scriptorium.testing.Multipart;
import scriptorium.testing.SseRecorder;
import scriptorium.testing.TestServer;

/** A voice note end to end: the upload, its run's events, the note with its transcript, and every refusal. */
class VoiceCaptureTest {

    private static final String AUDIO = "/api/v1/capture/audio";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final FakeTranscriptionServer transcription = new FakeTranscriptionServer(FakeTranscriptionServer.KEY);

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of(
            "TRANSCRIPTION_BASE_URL", transcription.baseUrl(),
            "TRANSCRIPTION_API_KEY", FakeTranscriptionServer.KEY,
            "MODEL_RETRY_BASE_MS", "10"));

    @BeforeEach
    void quiet() {
        transcription.reset();
    }

    @AfterAll
    static void stop() {
        transcription.close();
    }

    @Test
    void aRecordingIsTranscribedThenPlumeSavesItAsANoteThatKeepsTheTranscript() throws Exception {
        var stream = server.stream(new Multipart().file("audio", "note.wav", "audio/wav", TestAudio.wav(2))
                .field("language", "fr").post(server.uri(AUDIO)).build());
        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.assertNext("start").get("mode").asText()).isEqualTo("capture");
        JsonNode running = stream.assertNext("agent_action");
        assertThat(running.get("agent").asText()).isEqualTo("plume");
        assertThat(running.get("action").asText()).isEqualTo("transcribe");
        assertThat(running.get("status").asText()).isEqualTo("running");
        JsonNode done = stream.assertNext("agent_action");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("call_id").asText()).isEqualTo(running.get("call_id").asText());
        assertThat(done.at("/metadata/duration_seconds").asDouble()).isEqualTo(2.0);
        assertThat(done.at("/metadata/language").asText()).isEqualTo("french");
        assertThat(done.at("/metadata/transcript").asText()).isEqualTo(FakeTranscriptionServer.DEFAULT_TEXT);
        JsonNode routing = stream.assertNext("routing");
        assertThat(routing.get("route").asText()).isEqualTo("plume");
        assertThat(routing.get("reason").asText()).isEqualTo("capture");
        var events = stream.readToEnd();
        JsonNode complete = events.getLast();
        assertThat(complete.get("type").asText()).isEqualTo("complete");
        assertThat(events).anySatisfy(e -> assertThat(e.path("action").asText()).isEqualTo("create_note"));
        JsonNode noteIds = complete.at("/result/note_ids");
        assertThat(noteIds).hasSize(1);

        JsonNode note = json(server.get("/api/v1/notes/" + noteIds.get(0).asText()));
        assertThat(note.get("content").asText()).contains("## Transcript")
                .contains("> " + FakeTranscriptionServer.DEFAULT_TEXT).contains("0:02, french");
        assertThat(note.get("tags").toString()).contains("voice");

        var request = transcription.takeRequest();
        assertThat(request.authorization()).isEqualTo("Bearer " + FakeTranscriptionServer.KEY);
        assertThat(request.fields()).containsEntry("model", "whisper-1").containsEntry("language", "fr")
                .containsEntry("response_format", "verbose_json");
        assertThat(request.fileName()).isEqualTo("voice-note.wav");
        assertThat(request.fileType()).isEqualTo("audio/wav");
        assertThat(request.fileBytes()).isEqualTo(TestAudio.wav(2).length);

        // The conversation keeps the capture: its question, then Plume's answer.
        JsonNode conversation = json(server.get("/api/v1/conversations/" + complete.at("/result/session_id").asText()));
        assertThat(conversation.toString()).contains("Voice note (wav");
    }

    @Test
    void askedForJsonTheUploadAnswersWithTheRunToFollow() throws Exception {
        HttpResponse<String> accepted = server.send(new Multipart()
                .file("audio", "memo.webm", "audio/webm;codecs=opus", TestAudio.webm())
                .post(server.uri(AUDIO)).header("Accept", "application/json").build());
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(accepted.body());
        var stream = server.follow(body.get("stream").asText(), null);
        stream.assertNext("start");
        assertThat(stream.readToEnd().getLast().get("type").asText()).isEqualTo("complete");
        assertThat(transcription.takeRequest().fileName()).isEqualTo("voice-note.webm");
    }

    @Test
    void aSpokenQuestionInAutoModeIsRoutedLikeAChatMessage() throws Exception {
        transcription.enqueue(new Answer.Text("Mimir, trouve mes notes sur le jardin", "french", 1.5));
        var stream = server.stream(new Multipart().file("audio", "q.wav", "audio/wav", TestAudio.wav(1))
                .field("mode", "auto").post(server.uri(AUDIO)).build());
        stream.assertNext("start");
        stream.assertNext("agent_action");
        stream.assertNext("agent_action");
        assertThat(stream.assertNext("routing").get("route").asText()).isEqualTo("mimir");
        assertThat(stream.readToEnd().getLast().get("type").asText()).isEqualTo("complete");
        transcription.takeRequest();
    }

    @Test
    void aRateLimitIsRetriedWithAWarningThenTheNoteIsSaved() throws Exception {
        transcription.enqueue(new Answer.Status(429, "rate_limit_exceeded", "Rate limit reached", "0"));
        var events = server.stream(new Multipart().file("audio", "a.wav", null, TestAudio.wav(1))
                .post(server.uri(AUDIO)).build()).readToEnd();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("warning");
            assertThat(e.get("code").asText()).isEqualTo("model_retry");
            assertThat(e.get("message").asText()).contains("rate_limited");
        });
        assertThat(events.getLast().get("type").asText()).isEqualTo("complete");
        transcription.takeRequest();
        transcription.takeRequest();
    }

    @Test
    void aServerThatKeepsFailingEndsTheRunWithTheChatModelsErrorCodeAndSavesNothing() throws Exception {
        long notes = noteCount();
        transcription.enqueue(new Answer.Status(500, "server_error", "boom", null),
                new Answer.Status(500, "server_error", "boom", null), new Answer.Status(500, "server_error", "boom", null));
        var events = server.stream(new Multipart().file("audio", "a.wav", "audio/wav", TestAudio.wav(1))
                .post(server.uri(AUDIO)).build()).readToEnd();
        JsonNode failed = events.stream().filter(e -> e.path("status").asText().equals("failed")).findFirst().orElseThrow();
        assertThat(failed.get("action").asText()).isEqualTo("transcribe");
        JsonNode error = events.getLast();
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("code").asText()).isEqualTo("model_unavailable");
        assertThat(error.get("retryable").asBoolean()).isTrue();
        assertThat(noteCount()).isEqualTo(notes);
    }

    @Test
    void aRejectedKeyAndSilenceEndTheRunWithTheirOwnCodes() {
        transcription.enqueue(new Answer.Status(401, "invalid_request_error", "Incorrect API key provided.", null));
        var auth = server.stream(new Multipart().file("audio", "a.wav", "audio/wav", TestAudio.wav(1))
                .post(server.uri(AUDIO)).build()).readToEnd().getLast();
        assertThat(auth.get("code").asText()).isEqualTo("auth_failed");
        assertThat(auth.get("error").asText()).contains("TRANSCRIPTION_API_KEY").doesNotContain(FakeTranscriptionServer.KEY);

        transcription.enqueue(new Answer.Text("", "english", 1.0));
        var silence = server.stream(new Multipart().file("audio", "a.wav", "audio/wav", TestAudio.wav(1))
                .post(server.uri(AUDIO)).build()).readToEnd().getLast();
        assertThat(silence.get("code").asText()).isEqualTo("no_speech");

        transcription.enqueue(new Answer.NotJson());
        var garbage = server.stream(new Multipart().file("audio", "a.wav", "audio/wav", TestAudio.wav(1))
                .post(server.uri(AUDIO)).build()).readToEnd().getLast();
        assertThat(garbage.get("code").asText()).isEqualTo("model_error");
    }

    @Test
    void badRecordingsAreRefusedNamingTheProblemBeforeAnythingIsSaved() throws Exception {
        long notes = noteCount();
        int calls = transcription.requestCount();
        refused(new Multipart().file("audio", "a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_audio_type", "text/plain");
        refused(new Multipart().file("audio", "a.webm", "audio/webm", new byte[0]), 400, "empty_audio", "empty");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        refused(new Multipart().file("audio", "a.webm", "audio/webm", png), 415, "not_audio", "first bytes");
        byte[] huge = TestAudio.webm();
        huge = java.util.Arrays.copyOf(huge, 25 * 1024 * 1024 + 1);
        refused(new Multipart().file("audio", "a.webm", "audio/webm", huge), 413, "audio_too_large", "25 MiB");
        refused(new Multipart().field("mode", "plume"), 400, "invalid_field", "audio");
        refused(new Multipart().file("audio", "a.wav", "audio/wav", TestAudio.wav(1)).field("mode", "capture"),
                400, "invalid_field", "mode");
        refused(new Multipart().file("audio", "a.wav", "audio/wav", TestAudio.wav(1)).field("language", "French!"),
                400, "invalid_field", "language");
        HttpResponse<String> json = server.post(AUDIO, "{\"audio\":\"...\"}");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.body()).contains("multipart/form-data");
        assertThat(noteCount()).isEqualTo(notes);
        assertThat(transcription.requestCount()).isEqualTo(calls);
    }

    @Test
    void cancellingDuringTheTranscriptionStopsTheCallAndEndsTheRunCancelled() throws Exception {
        long notes = noteCount();
        transcription.enqueue(new Answer.Stall(java.time.Duration.ofSeconds(6)));
        HttpResponse<String> accepted = server.send(new Multipart().file("audio", "a.wav", "audio/wav", TestAudio.wav(1))
                .post(server.uri(AUDIO)).header("Accept", "application/json").build());
        JsonNode run = JSON.readTree(accepted.body());
        var stream = server.follow(run.get("stream").asText(), null);
        stream.assertNext("start");
        stream.assertNext("agent_action");
        long started = System.nanoTime();
        server.post("/api/v1/runs/" + run.get("run_id").asText() + "/cancel", "{}");
        JsonNode end = stream.readToEnd().getLast();
        assertThat(end.get("type").asText()).isEqualTo("cancelled");
        long cancelledIn = (System.nanoTime() - started) / 1_000_000;
        assertThat(cancelledIn).as("ms to cancel").isLessThan(4000);
        assertThat(noteCount()).isEqualTo(notes);
        Thread.sleep(6500 - cancelledIn); // the fake finishes its stalled answer before the next test talks to it
    }

    @Test
    void theCaptureStatusSaysVoiceNotesAreAvailable() throws Exception {
        JsonNode status = json(server.get("/api/v1/capture"));
        assertThat(status.at("/audio/available").asBoolean()).isTrue();
        assertThat(status.at("/audio/max_bytes").asInt()).isEqualTo(25 * 1024 * 1024);
    }

    private static void refused(Multipart form, int status, String code, String says) throws Exception {
        HttpResponse<String> response = server.send(form.post(server.uri(AUDIO)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(says);
    }

    private static long noteCount() throws Exception {
        return json(server.get("/api/v1/notes?limit=1")).get("total").asLong();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
