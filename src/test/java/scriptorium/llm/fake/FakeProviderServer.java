package scriptorium.llm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server on a free loopback port that answers as a model provider would, from a script of
 * {@link Scripted} answers (a plain text reply when the script is empty). It records every request and notices
 * when a client leaves a stream early (its pings stop getting through): {@link #awaitDisconnect}.
 * The provider's wire format is its subclass's.
 */
public abstract class FakeProviderServer implements AutoCloseable {

    public static final String KEY = "test-key-do-not-print";
    protected static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PING_EVERY = Duration.ofMillis(20);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LinkedBlockingQueue<Scripted> script = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final Semaphore disconnects = new Semaphore(0);
    private final AtomicInteger requestCount = new AtomicInteger();

    protected FakeProviderServer(String path) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a fake provider", e);
        }
        server.setExecutor(executor);
        server.createContext(path, this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:port}, without any API path. */
    public String rootUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public FakeProviderServer enqueue(Scripted... answers) {
        script.addAll(java.util.List.of(answers));
        return this;
    }

    /** The next request received, waiting up to 5 s. */
    public RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = requests.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the fake provider received no request");
        }
        return request;
    }

    public int requestCount() {
        return requestCount.get();
    }

    /** True when a client left a stream that was still going, within {@code timeout}. */
    public boolean awaitDisconnect(Duration timeout) throws InterruptedException {
        return disconnects.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the request carries the fake's key in this provider's header. */
    protected abstract boolean authorized(RecordedRequest request);

    /** The body of an error answer in this provider's shape. */
    protected abstract String errorBody(int status, String type);

    /** Streams {@code reply} to {@code request}, faults included; throws IOException when the client left. */
    protected abstract void stream(Scripted.Reply reply, RecordedRequest request, SseOut out)
            throws IOException, InterruptedException;

    private void handle(HttpExchange exchange) throws IOException {
        boolean cut = false;
        try {
            RecordedRequest request = record(exchange);
            requestCount.incrementAndGet();
            requests.add(request);
            Scripted answer = authorized(request)
                    ? next()
                    : Scripted.Status.of(401, "authentication_error");
            switch (answer) {
                case Scripted.Status status -> error(exchange, status);
                case Scripted.Reply reply -> {
                    exchange.getResponseHeaders().add("content-type", "text/event-stream; charset=utf-8");
                    exchange.sendResponseHeaders(200, 0);
                    try {
                        stream(reply, request, new SseOut(exchange.getResponseBody()));
                    } catch (IOException clientLeft) {
                        disconnects.release();
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        } catch (Cut c) {
            cut = true;
            throw c; // the JDK server then drops the connection mid-body: no last chunk, as a real cut
        } finally {
            if (!cut) {
                exchange.close();
            }
        }
    }

    /** Thrown by a dialect to drop the connection in the middle of a stream. */
    protected static final class Cut extends RuntimeException {
        protected Cut() {
            super("scripted cut", null, false, false);
        }
    }

    private Scripted next() {
        Scripted answer = script.poll();
        return answer == null ? Scripted.Reply.text("Hello", " world") : answer;
    }

    private void error(HttpExchange exchange, Scripted.Status status) throws IOException {
        byte[] body = errorBody(status.status(), status.errorType()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        if (status.retryAfter() != null) {
            exchange.getResponseHeaders().add("retry-after", status.retryAfter());
        }
        exchange.sendResponseHeaders(status.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
    }

    /** Keeps a stream open, pinging, until the client leaves (the write fails) or 30 s passed. */
    protected static void pingUntilGone(SseOut out, PingWriter ping) throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            ping.ping(out);
            Thread.sleep(PING_EVERY);
        }
    }

    /** Pings for {@code delay} (a slow first token), failing as soon as the client left. */
    protected static void stall(SseOut out, Duration delay, PingWriter ping) throws IOException, InterruptedException {
        long until = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < until) {
            ping.ping(out);
            Thread.sleep(Math.min(PING_EVERY.toMillis(), Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    /** A provider's keepalive on an idle stream. */
    @FunctionalInterface
    protected interface PingWriter {
        void ping(SseOut out) throws IOException;
    }

    /** Tokens as the fake bills them: a quarter of the characters, rounded up (a plausible tokenizer). */
    protected static long tokens(String text) {
        return (text.length() + 3) / 4;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
