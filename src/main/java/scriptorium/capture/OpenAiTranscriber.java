package scriptorium.capture;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import scriptorium.config.TranscriptionSettings;
import scriptorium.json.Jackson;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;
import scriptorium.llm.stream.ErrorStatuses;
import scriptorium.llm.stream.EventStream;

/**
 * OpenAI's {@code POST /v1/audio/transcriptions} and the servers that copy it (faster-whisper-server, whisper.cpp's,
 * LocalAI, vLLM): multipart in ({@code file}, {@code model}, {@code response_format}, {@code language}), JSON out.
 * Whisper models are asked for {@code verbose_json} (it adds the duration and the language heard); others, such as
 * {@code gpt-4o-transcribe}, only know {@code json}. Statuses are classified as the chat adapters classify them.
 */
public final class OpenAiTranscriber implements Transcriber, AutoCloseable {

    private static final String PROVIDER = "transcription server";

    private final TranscriptionSettings.OpenAiCompatible settings;
    private final OkHttpClient client;

    public OpenAiTranscriber(TranscriptionSettings.OpenAiCompatible settings) {
        this.settings = settings;
        this.client = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(settings.calls().connect())
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(settings.calls().wholeMessage()) // the server answers once, at the end: one deadline
                .build();
    }

    @Override
    public Transcript transcribe(Audio audio) {
        Call call = client.newCall(request(audio));
        try (Response response = call.execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw classify(new EventStream.Head(response.code(), response.headers()), body);
            }
            return parse(body, audio.language());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) { // the run was cancelled: a virtual thread's socket closes
                throw new ModelException(Kind.CANCELLED, PROVIDER + " call cancelled", e);
            }
            if (e instanceof InterruptedIOException) { // OkHttp's call timeout (it cancels the call, too)
                throw new ModelException(Kind.TIMEOUT, PROVIDER + ": no transcript within "
                        + settings.calls().wholeMessage().toSeconds() + " s", e);
            }
            if (call.isCanceled()) {
                throw new ModelException(Kind.CANCELLED, PROVIDER + " call cancelled", e);
            }
            throw new ModelException(Kind.UNAVAILABLE, PROVIDER + " unreachable at " + settings.baseUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    private Request request(Audio audio) {
        var form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("file", audio.fileName(),
                        RequestBody.create(audio.bytes(), MediaType.get(audio.format().mediaType())))
                .addFormDataPart("model", settings.model())
                .addFormDataPart("response_format", verbose() ? "verbose_json" : "json");
        if (audio.language() != null) {
            form.addFormDataPart("language", audio.language());
        }
        var request = new Request.Builder().url(settings.baseUrl() + "/audio/transcriptions").post(form.build());
        if (!settings.apiKey().value().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.apiKey().value());
        }
        return request.build();
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
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
    }
}
