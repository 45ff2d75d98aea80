package scriptorium.capture.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenAI's {@code POST /v1/audio/transcriptions} on a free loopback port, as strict as the real one about its wire
 * format: multipart in (a {@code file} part whose name has an audio extension and whose bytes start like that
 * format, a {@code model}, optional {@code response_format} and {@code language}), JSON out ({@code json}:
 * {@code text}; {@code verbose_json}: also {@code language}, {@code duration}, {@code segments}), errors as
 * {@code {"error":{"message","type","param","code"}}} with OpenAI's statuses. Answers come from a script of
 * {@link Answer}s, faults included; an empty script transcribes {@link #DEFAULT_TEXT}.
 */
public final class FakeTranscriptionServer implements AutoCloseable {

    public static final String KEY = "sk-transcription-test-do-not-print";
    public static final String DEFAULT_TEXT = "Le jardin de pluie recueille l'eau des toits. Il faut planter des iris"
            + " au bord du bassin avant l'automne.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EXTENSIONS = Set.of("flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "oga",
            "wav", "webm");

    /** What the next request gets. */
    public sealed interface Answer {
        /** A transcript of {@code seconds} of speech in {@code language} (as Whisper names it: "french"). */
        record Text(String text, String language, double seconds) implements Answer {}

        /** An error status with OpenAI's error body; {@code retryAfter} null for none. */
        record Status(int status, String type, String message, String retryAfter) implements Answer {}

        /** Waits before answering the default transcript (a slow server). */
        record Stall(Duration pause) implements Answer {}

        /** 200 with a body that is not JSON (a proxy's page). */
        record NotJson() implements Answer {}
    }

    /** A request as received and checked. {@code fields} are the text parts; the file part is described apart. */
    public record Received(String authorization, Map<String, String> fields, String fileName, String fileType,
                           int fileBytes) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LinkedBlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final String key;

    /** @param key the API key it requires, or null for a local server that takes none */
    public FakeTranscriptionServer(String key) {
        this.key = key;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake transcription server", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The API root, with {@code /v1}: what {@code TRANSCRIPTION_BASE_URL} takes. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
    }

    public FakeTranscriptionServer enqueue(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public Received takeRequest() throws InterruptedException {
        Received request = received.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the fake transcription server received no valid request");
        }
        return request;
    }

    /** Forgets the script and the requests received: each test starts from a quiet server. */
    public void reset() {
        script.clear();
        received.clear();
    }

    /** Every request that reached it, valid or not. */
    public int requestCount() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath()
                    .equals("/v1/audio/transcriptions")) {
                error(exchange, 404, "invalid_request_error", "Invalid URL (" + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath() + ")", null, null);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (key != null && !("Bearer " + key).equals(auth)) {
                error(exchange, 401, "invalid_request_error", "Incorrect API key provided.", null, "invalid_api_key");
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.startsWith("multipart/form-data") || !contentType.contains("boundary=")) {
                error(exchange, 400, "invalid_request_error", "Content-Type must be multipart/form-data", null, null);
                return;
            }
            FormData form = FormData.parse(body, contentType.substring(contentType.indexOf("boundary=") + 9)
                    .replace("\"", ""));
            String problem = problem(form);
            if (problem != null) {
                error(exchange, 400, "invalid_request_error", problem, null, null);
                return;
            }
            received.add(new Received(auth, form.fields(), form.fileName(), form.fileType(), form.file().length));
            answer(exchange, form.fields().getOrDefault("response_format", "json"));
        }
    }

    /** What OpenAI would refuse in this form, or null. */
    private static String problem(FormData form) {
        if (form.file() == null) {
            return "you must provide a 'file' part";
        }
        if (!form.fields().containsKey("model")) {
            return "you must provide a model parameter";
        }
        String name = form.fileName() == null ? "" : form.fileName();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (!EXTENSIONS.contains(extension)) {
            return "Invalid file format. Supported formats: " + EXTENSIONS;
        }
        if (form.file().length == 0 || !startsLike(extension, form.file())) {
            return "Audio file might be corrupted or unsupported";
        }
        String format = form.fields().getOrDefault("response_format", "json");
        if (!Set.of("json", "text", "verbose_json", "srt", "vtt").contains(format)) {
            return "response_format: must be one of json, text, srt, verbose_json, vtt";
        }
        String language = form.fields().get("language");
        if (language != null && !language.matches("[a-z]{2}")) {
            return "language: must be an ISO-639-1 code";
        }
        return null;
    }

    private static boolean startsLike(String extension, byte[] file) {
        return switch (extension) {
            case "webm" -> starts(file, 0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3});
            case "ogg", "oga" -> starts(file, 0, "OggS".getBytes(StandardCharsets.US_ASCII));
            case "wav" -> starts(file, 0, "RIFF".getBytes(StandardCharsets.US_ASCII))
                    && starts(file, 8, "WAVE".getBytes(StandardCharsets.US_ASCII));
            case "m4a", "mp4" -> starts(file, 4, "ftyp".getBytes(StandardCharsets.US_ASCII));
            default -> true;
        };
    }

    private static boolean starts(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private void answer(HttpExchange exchange, String format) throws IOException {
        Answer next = script.poll();
        if (next == null) {
            next = new Answer.Text(DEFAULT_TEXT, "french", 2.0);
        }
        switch (next) {
            case Answer.Text text -> transcript(exchange, text, format);
            case Answer.Status status -> error(exchange, status.status(), status.type(), status.message(),
                    status.retryAfter(), null);
            case Answer.Stall stall -> {
                try {
                    Thread.sleep(stall.pause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                transcript(exchange, new Answer.Text(DEFAULT_TEXT, "french", 2.0), format);
            }
            case Answer.NotJson notJson -> send(exchange, 200, "text/html", "<html>gateway</html>");
        }
    }

    private static void transcript(HttpExchange exchange, Answer.Text text, String format) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        if (format.equals("verbose_json")) {
            json.put("task", "transcribe").put("language", text.language()).put("duration", text.seconds());
        }
        json.put("text", text.text());
        if (format.equals("verbose_json")) {
            json.putArray("segments").addObject().put("id", 0).put("start", 0.0).put("end", text.seconds())
                    .put("text", text.text());
        }
        send(exchange, 200, "application/json", json.toString());
    }

    private static void error(HttpExchange exchange, int status, String type, String message, String retryAfter,
                              String code) throws IOException {
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("retry-after", retryAfter);
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        send(exchange, status, "application/json", body.toString());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
