package scriptorium.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    /**
     * {@code scriptorium chat ...} in its everyday forms, read without picocli: building picocli's model of every
     * command is most of a short command's CPU, and its classes (Java 5 class files) are ones the JVM's class cache
     * cannot keep (docs/benchmarks.md). Empty for anything else ({@code --help}, {@code -V}, an unknown or repeated
     * option, an option without its value, an {@code @file}, {@code --}...): picocli reads those, as before.
     */
    public static Optional<ChatCommand> direct(String[] args) {
        if (args.length < 2 || !args[0].equals("chat")) {
            return Optional.empty();
        }
        var chat = new ChatCommand();
        chat.mode = "auto";
        var seen = new HashSet<String>(); // picocli refuses a repeated option, or a second message
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (plain(arg)) {
                chat.message = arg;
                if (!seen.add("")) {
                    return Optional.empty();
                }
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value = equals >= 0 ? arg.substring(equals + 1)
                    : !name.equals("--raw") && i + 1 < args.length && plain(args[i + 1]) ? args[++i] : null;
            if (!seen.add(name) || !chat.option(name, value)) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(chat.message).map(message -> chat);
    }

    /** Sets one option as picocli would; false for one picocli must read (unknown, without its value, --raw=x). */
    private boolean option(String name, String value) {
        switch (name) {
            case "--raw" -> raw = value == null;
            case "--mode" -> mode = value;
            case "--session" -> session = value;
            case "--url" -> url = value;
            default -> {
                return false;
            }
        }
        return name.equals("--raw") ? raw : value != null;
    }

    /** Neither an option nor picocli's {@code @file}. */
    private static boolean plain(String arg) {
        return !arg.startsWith("-") && !arg.startsWith("@");
    }

    @Override
    public Integer call() throws InterruptedException {
        // Built here, not in fields: picocli builds every command's object for any command. Jackson's streaming
        // parser, not an ObjectMapper: building a mapper costs a short command about a quarter of a second.
        var json = new JsonFactory();
        var server = Server.at(Server.url(url));
        String body = body(json);
        var printer = new EventPrinter(System.out, System.err, raw, json);
        String runId = null;
        for (int attempt = 0; attempt <= MAX_RESUMES; attempt++) {
            try {
                HttpURLConnection response = runId == null ? start(server, body)
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

    /** The request (PROTOCOL §1): the message, the mode, the conversation to continue if any. */
    private String body(JsonFactory json) {
        var text = new StringWriter();
        try (JsonGenerator out = json.createGenerator(text)) {
            out.writeStartObject();
            out.writeStringField("message", message);
            out.writeStringField("mode", mode);
            if (session != null) {
                out.writeStringField("session_id", session);
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
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
                printer.print(data);
            }
        }
        return null;
    }

    /** Turns events into a readable transcript (or raw JSON lines). */
    static final class EventPrinter {
        private final PrintStream out;
        private final PrintStream err;
        private final boolean raw;
        private final JsonFactory json;
        private String currentMessage;
        private long lastSeq;
        private Integer exitCode;

        EventPrinter(PrintStream out, PrintStream err, boolean raw, JsonFactory json) {
            this.out = out;
            this.err = err;
            this.raw = raw;
            this.json = json;
        }

        long lastSeq() {
            return lastSeq;
        }

        Integer exitCode() {
            return exitCode == null ? 1 : exitCode;
        }

        void print(String data) throws IOException {
            var event = EventFields.read(json, data);
            lastSeq = Math.max(lastSeq, event.number("seq"));
            if (raw) {
                out.println(data);
            }
            String type = event.text("type");
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

        private void human(String type, EventFields e) {
            switch (type) {
                case "routing" -> out.printf("» route: %s (%s)%n", e.text("route"), e.text("reason"));
                case "agent_delta" -> {
                    if (!e.text("message_id").equals(currentMessage)) {
                        currentMessage = e.text("message_id");
                        out.printf("%n[%s → %s]%n", name(e.text("agent")), name(e.text("to")));
                    }
                    out.print(e.text("delta"));
                }
                case "agent_message" -> out.println();
                case "agent_action" -> out.printf("  ⚙ %s %s: %s%n", e.text("action"), e.text("status"), e.text("details"));
                case "warning" -> err.printf("! %s%n", e.text("message"));
                case "citation" -> out.println(citation(e));
                case "complete" -> out.printf("%n— %s · %d ms · %d tokens · $%.4f · %s%n", e.text("result.agent_used"),
                        e.number("result.processing_time_ms"), e.number("result.tokens_used"),
                        e.decimal("result.cost_usd"), e.text("result.model"));
                case "error" -> err.printf("%n✗ %s: %s%n", e.text("code"), e.text("error"));
                case "cancelled" -> err.printf("%n✗ cancelled: %s%n", e.text("reason"));
                default -> { }
            }
        }

        /** A citation's verdict, as the page marks it: the answer above names the note, this says if it holds. */
        private static String citation(EventFields e) {
            String quote = e.text("quote").isEmpty() ? "" : " “" + e.text("quote") + "”";
            return e.text("verified").equals("true")
                    ? String.format("  ✓ note %s%s", e.text("note_id"), quote)
                    : String.format("  ⚠ unverified (%s): note %s%s", switch (e.text("reason")) {
                        case "unknown_note" -> "no such note";
                        case "quote_not_found" -> "not found in the note";
                        case "note_changed" -> "the note changed since it was read";
                        default -> e.text("reason");
                    }, e.text("note_id"), quote);
        }

        private static String name(String id) {
            return id.isEmpty() ? id : Character.toUpperCase(id.charAt(0)) + id.substring(1);
        }
    }
}
