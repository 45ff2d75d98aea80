package scriptorium.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import scriptorium.config.TranscriptionSettings;
import scriptorium.json.Jackson;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;
import scriptorium.llm.stream.Alarm;
import scriptorium.llm.stream.Endpoint;
import scriptorium.llm.stream.ErrorStatuses;
import scriptorium.llm.stream.EventStream;
import scriptorium.llm.stream.ProviderHttp;

/**
 * OpenAI's {@code POST /v1/audio/transcriptions} and the servers that copy it (faster-whisper-server, whisper.cpp's,
 * LocalAI, vLLM): multipart in ({@code file}, {@code model}, {@code response_format}, {@code language}), JSON out.
 * Whisper models are asked for {@code verbose_json} (it adds the duration and the language heard); others, such as
 * {@code gpt-4o-transcribe}, only know {@code json}. Statuses are classified as the chat adapters classify them.
 *
 * <p>Sent through the chat models' HTTP client ({@link ProviderHttp}): one small multipart writer here costs less
 * than keeping a second HTTP library for one call per voice note.
 */
public final class OpenAiTranscriber implements Transcriber, AutoCloseable {

    private static final String PROVIDER = "transcription server";
    /** A verbose transcript of an hour of speech, with its segments, is well under this. */
    private static final int MAX_ANSWER = 4 << 20;

    private final TranscriptionSettings.OpenAiCompatible settings;
    private final ProviderHttp http;
    /** Random, so that no audio file holds it by chance (RFC 2046 §5.1.1). */
    private final String boundary;
    private final Endpoint endpoint;

    public OpenAiTranscriber(TranscriptionSettings.OpenAiCompatible settings) {
        this.settings = settings;
        this.http = new ProviderHttp(settings.calls().connect());
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.boundary = "scriptorium-" + HexFormat.of().formatHex(random);
        String url = settings.baseUrl() + "/audio/transcriptions";
        String contentType = "multipart/form-data; boundary=" + boundary;
        this.endpoint = settings.apiKey().value().isEmpty()
                ? Endpoint.post(url, contentType, "application/json")
                : Endpoint.post(url, contentType, "application/json", "authorization", "Bearer "
                        + settings.apiKey().value());
    }

    @Override
    public Transcript transcribe(Audio audio) {
        EventStream call = http.open(endpoint.request(form(audio)));
        // The server answers once, at the end: one deadline for the whole call.
        try (call; Alarm deadline = http.alarm(settings.calls().wholeMessage(), call::cancel)) {
            try {
                EventStream.Head head = call.head();
                String body = call.body(MAX_ANSWER);
                if (!head.ok()) {
                    throw classify(head, body);
                }
                call.complete();
                return parse(body, audio.language());
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) { // the run was cancelled: a virtual thread's socket closes
                    throw new ModelException(Kind.CANCELLED, PROVIDER + " call cancelled", e);
                }
                if (deadline.rang()) {
                    throw new ModelException(Kind.TIMEOUT, PROVIDER + ": no transcript within "
                            + settings.calls().wholeMessage().toSeconds() + " s", e);
                }
                throw new ModelException(Kind.UNAVAILABLE, PROVIDER + " unreachable at " + settings.baseUrl() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    /** The multipart body (RFC 7578): the audio file, then the text fields. */
    private byte[] form(Audio audio) {
        var form = new ByteArrayOutputStream(audio.bytes().length + 1024);
        part(form, "name=\"file\"; filename=\"" + quoted(audio.fileName()) + "\"\r\nContent-Type: "
                + audio.format().mediaType(), audio.bytes());
        field(form, "model", settings.model());
        field(form, "response_format", verbose() ? "verbose_json" : "json");
        if (audio.language() != null) {
            field(form, "language", audio.language());
        }
        form.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return form.toByteArray();
    }

    private void field(ByteArrayOutputStream form, String name, String value) {
        part(form, "name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8));
    }

    private void part(ByteArrayOutputStream form, String disposition, byte[] content) {
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        form.writeBytes(content);
        form.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A file name inside a quoted header parameter, escaped as browsers (and OkHttp) do. */
    private static String quoted(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private boolean verbose() {
        return settings.model().toLowerCase(Locale.ROOT).contains("whisper");
    }

    private static Transcript parse(String body, String hint) {
        JsonNode json;
        try {
            json = Jackson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ModelException(Kind.UNEXPECTED, PROVIDER + " answered something that is not JSON", e);
        }
        if (json == null || !json.path("text").isTextual()) {
            throw new ModelException(Kind.UNEXPECTED, PROVIDER + " answered JSON without a \"text\" field");
        }
        String language = json.path("language").isTextual() ? json.path("language").asText() : hint;
        Duration duration = json.path("duration").isNumber()
                ? Duration.ofMillis(Math.round(json.path("duration").asDouble() * 1000)) : null;
        return new Transcript(json.path("text").asText(), language, duration);
    }

    /** An error answer: {@code {"error": {"message", "type"}}} when the server follows OpenAI's shape. */
    static ModelException classify(EventStream.Head head, String body) {
        String detail;
        try {
            JsonNode error = Jackson.MAPPER.readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            String type = error.path("type").asText("");
            detail = type.isEmpty() ? message : type + ": " + message;
        } catch (IOException notJson) {
            detail = ""; // a proxy's HTML page: the status alone decides
        }
        return ErrorStatuses.exception(PROVIDER, head, ErrorStatuses.kind(head.status()), detail,
                "TRANSCRIPTION_API_KEY (or OPENAI_API_KEY)");
    }

    @Override
    public void close() {
        http.close();
    }
}
