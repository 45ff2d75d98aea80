package scriptorium.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Anthropic Messages API for load: every reply streams {@code tokens} text tokens at a set pace over
 * the real wire format, each token stamped with the {@link System#nanoTime()} it was sent at ("t123 "), so
 * that a client in this JVM can tell how long the token took to reach it. A fraction of calls can fail.
 */
final class PacedAnthropicServer implements AutoCloseable {

    /** What goes wrong with a call, drawn per call. */
    record Faults(double rateLimited, double overloaded, double cut, double stall) {
        static final Faults NONE = new Faults(0, 0, 0, 0);
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Duration pace = Duration.ofMillis(50);
    private volatile int tokens = 50;
    private volatile Faults faults = Faults.NONE;
    final AtomicLong calls = new AtomicLong();
    final AtomicLong injected = new AtomicLong();

    PacedAnthropicServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16_384);
        server.setExecutor(threads);
        server.createContext("/v1/messages", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void configure(Duration pace, int tokens, Faults faults) {
        this.pace = pace;
        this.tokens = tokens;
        this.faults = faults;
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        double draw = ThreadLocalRandom.current().nextDouble();
        Faults f = faults;
        try (exchange) {
            if (draw < f.rateLimited()) {
                injected.incrementAndGet();
                error(exchange, 429, "rate_limit_error", "1");
            } else if (draw < f.rateLimited() + f.overloaded()) {
                injected.incrementAndGet();
                error(exchange, 529, "overloaded_error", null);
            } else {
                boolean cut = draw < f.rateLimited() + f.overloaded() + f.cut();
                boolean stall = !cut && draw < f.rateLimited() + f.overloaded() + f.cut() + f.stall();
                if (cut || stall) {
                    injected.incrementAndGet();
                }
                stream(exchange, cut, stall);
            }
        } catch (IOException | InterruptedException e) {
            // the client left (cancel, timeout): nothing more to send
        }
    }

    private void stream(HttpExchange exchange, boolean cut, boolean stall) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        send(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_load\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":120,\"output_tokens\":1,\"cache_read_input_tokens\":0,"
                + "\"cache_creation_input_tokens\":0}}}");
        send(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        if (stall) {
            for (int i = 0; i < 600; i++) { // pings, never a token: the server's first-token timeout must fire
                Thread.sleep(100);
                send(out, "ping", "{\"type\":\"ping\"}");
            }
            return;
        }
        int count = tokens;
        for (int i = 0; i < count; i++) {
            Thread.sleep(pace);
            if (cut && i == count / 3) {
                return; // the stream ends mid-message, without message_stop
            }
            send(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"t" + System.nanoTime() + " \"}}");
        }
        send(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        send(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + count + "}}");
        send(out, "message_stop", "{\"type\":\"message_stop\"}");
    }

    private static void error(HttpExchange exchange, int status, String type, String retryAfter) throws IOException {
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("retry-after", retryAfter);
        }
        byte[] body = ("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"load test fault\"}}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void send(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
