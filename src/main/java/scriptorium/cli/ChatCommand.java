package scriptorium.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scriptorium.json.Jackson;

/**
 * {@code scriptorium chat "message"}: a real SSE client of the server. Prints each agent's text as it
 * streams; if the connection drops, resumes the run with {@code Last-Event-ID}. Exit 0 on `complete`,
 * 1 on `error`, 3 on `cancelled`, 2 when the server cannot be reached or refuses the request.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Send a message and print the agents' answer as it streams.")
public final class ChatCommand implements Callable<Integer> {

    private static final int MAX_RESUMES = 5;

    @Parameters(index = "0", description = "The message.")
    String message;

    @Option(names = "--mode", description = "auto, plume, mimir or discussion (default: auto).", defaultValue = "auto")
    String mode;

    @Option(names = "--session", description = "Conversation to continue.")
    String session;

    @Option(names = "--url", description = "Server URL (default: $SCRIPTORIUM_URL or http://localhost:$PORT).")
    String url;

    @Option(names = "--raw", description = "Print the events as JSON lines.")
    boolean raw;

    @Override
    public Integer call() throws InterruptedException {
        // Built here, not in fields: picocli builds every command's object for any command.
        var server = Server.at(Server.url(url));
        var body = Jackson.MAPPER.createObjectNode().put("message", message).put("mode", mode);
        if (session != null) {
            body.put("session_id", session);
        }
        var printer = new EventPrinter(System.out, System.err, raw);
        String runId = null;
        for (int attempt = 0; attempt <= MAX_RESUMES; attempt++) {
            try {
                HttpURLConnection response = runId == null ? start(server, body.toString())
                        : resume(server, runId, printer.lastSeq());
                if (response.getResponseCode() == 401) {
                    System.err.println("scriptorium: the server asks who you are: run `scriptorium login --url "
                            + server.base() + "` (or set SCRIPTORIUM_TOKEN)");
                    return 2;
                }
                if (response.getResponseCode() != 200) {
                    System.err.println("scriptorium: " + response.getResponseCode() + " " + Server.body(response));
                    return 2;
                }
                runId = Objects.requireNonNullElse(response.getHeaderField("X-Run-Id"), runId);
                Integer exit = read(response.getInputStream(), printer);
                if (exit != null) {
                    return exit;
                }
            } catch (ConnectException e) {
                if (runId == null) {
                    System.err.println("scriptorium: cannot reach " + server.base()
                            + ": is `scriptorium serve` running?");
                    return 2;
                }
            } catch (IOException e) {
                System.err.println("scriptorium: connection lost (" + e.getMessage() + "), resuming...");
            }
            if (runId == null) {
                return 2;
            }
            Thread.sleep(500L * (attempt + 1));
        }
        System.err.println("scriptorium: gave up after " + MAX_RESUMES + " resumes; run " + runId);
        return 1;
    }

    private static HttpURLConnection start(Server server, String json) throws IOException {
        HttpURLConnection connection = server.open("POST", "/api/v1/chat/orchestrated/stream");
        connection.setRequestProperty("Accept", "text/event-stream");
        Server.send(connection, json);
        return connection;
    }

    /** The run's events after {@code lastSeq}, then the rest as they come (PROTOCOL §7). */
    private static HttpURLConnection resume(Server server, String runId, long lastSeq) throws IOException {
        HttpURLConnection connection = server.open("GET", "/api/v1/runs/" + runId + "/stream");
        connection.setRequestProperty("Accept", "text/event-stream");
        connection.setRequestProperty("Last-Event-ID", Long.toString(lastSeq));
        return connection;
    }

    /** Reads one SSE response; the exit code once the run ended, or null if the stream broke first. */
    private static Integer read(InputStream body, EventPrinter printer) throws IOException {
        try (var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.startsWith("data: ")) {
                    continue; // id:, comments (keepalive), blank separators
                }
                String data = line.substring("data: ".length());
                if (data.equals("[DONE]")) {
                    return printer.exitCode();
                }
                printer.print(Jackson.MAPPER.readTree(data), data);
            }
        }
        return null;
    }

    /** Turns events into a readable transcript (or raw JSON lines). */
    static final class EventPrinter {
        private final PrintStream out;
        private final PrintStream err;
        private final boolean raw;
        private String currentMessage;
        private long lastSeq;
        private Integer exitCode;

        EventPrinter(PrintStream out, PrintStream err, boolean raw) {
            this.out = out;
            this.err = err;
            this.raw = raw;
        }

        long lastSeq() {
            return lastSeq;
        }

        Integer exitCode() {
            return exitCode == null ? 1 : exitCode;
        }

        void print(JsonNode event, String data) {
            lastSeq = Math.max(lastSeq, event.path("seq").asLong());
            if (raw) {
                out.println(data);
            }
            String type = event.path("type").asText();
            switch (type) {
                case "complete" -> exitCode = 0;
                case "error" -> exitCode = 1;
                case "cancelled" -> exitCode = 3;
                default -> { }
            }
            if (!raw) {
                human(type, event);
            }
            out.flush();
        }

        private void human(String type, JsonNode e) {
            switch (type) {
                case "routing" -> out.printf("» route: %s (%s)%n", e.path("route").asText(), e.path("reason").asText());
                case "agent_delta" -> {
                    if (!e.path("message_id").asText().equals(currentMessage)) {
                        currentMessage = e.path("message_id").asText();
                        out.printf("%n[%s → %s]%n", name(e.path("agent").asText()), name(e.path("to").asText()));
                    }
                    out.print(e.path("delta").asText());
                }
                case "agent_message" -> out.println();
                case "agent_action" -> out.printf("  ⚙ %s %s: %s%n", e.path("action").asText(),
                        e.path("status").asText(), e.path("details").asText());
                case "warning" -> err.printf("! %s%n", e.path("message").asText());
                case "complete" -> {
                    JsonNode r = e.path("result");
                    out.printf("%n— %s · %d ms · %d tokens · $%.4f · %s%n", r.path("agent_used").asText(),
                            r.path("processing_time_ms").asLong(), r.path("tokens_used").asLong(),
                            r.path("cost_usd").asDouble(), r.path("model").asText());
                }
                case "error" -> err.printf("%n✗ %s: %s%n", e.path("code").asText(), e.path("error").asText());
                case "cancelled" -> err.printf("%n✗ cancelled: %s%n", e.path("reason").asText());
                default -> { }
            }
        }

        private static String name(String id) {
            return id.isEmpty() ? id : Character.toUpperCase(id.charAt(0)) + id.substring(1);
        }
    }
}
