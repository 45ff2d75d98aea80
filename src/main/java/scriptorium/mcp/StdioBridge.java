package scriptorium.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import scriptorium.json.Jackson;

/**
 * {@code scriptorium mcp}: MCP over stdio for clients that start a local process, relayed to a running server's
 * {@code /mcp}. A relay rather than a second server: each newline-delimited JSON-RPC message from stdin is POSTed as it
 * is ({@link RemoteSession}), and what the server answers (progress notifications, then the response) is written to
 * stdout as it is, one line each. So a stdio client sees exactly the server's tools, schemas, errors and progress, and
 * this process never opens the database nor knows a tool. Requests are relayed concurrently (a {@code ping} is not
 * stuck behind a long {@code ask_mimir}); stdout takes one whole line at a time. Logs go to stderr only: stdout is
 * the protocol's.
 */
public final class StdioBridge {

    /** JSON-RPC: the message was not JSON; the request cannot be answered (MCP: "internal error" otherwise). */
    private static final int PARSE_ERROR = -32700;
    private static final int INTERNAL_ERROR = -32603;

    private final RemoteSession session;
    private final String url;
    private final PrintStream out;
    private final PrintStream err;
    private final ReentrantLock writing = new ReentrantLock();

    /** @param token a bearer token for a server with accounts, or null */
    public StdioBridge(URI endpoint, String token, PrintStream out, PrintStream err) {
        this.session = new RemoteSession(endpoint, token);
        this.url = endpoint.toString();
        this.out = out;
        this.err = err;
    }

    /** Relays until stdin ends, then lets the messages in flight finish and ends the session. */
    public void run(InputStream in) throws IOException, InterruptedException {
        var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try (ExecutorService relays = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = parse(line);
                if (message == null) {
                    continue;
                }
                if (inOrder(message)) {
                    relay(message);
                } else {
                    relays.submit(() -> relay(message));
                }
            }
            relays.shutdown();
            if (!relays.awaitTermination(30, TimeUnit.SECONDS)) {
                err.println("scriptorium mcp: stdin closed; requests still running were abandoned");
                relays.shutdownNow();
            }
        } finally {
            session.close();
        }
    }

    /**
     * {@code initialize} is answered before the next line is read (everything after it needs the session it opens),
     * and notifications go in the order sent ({@code initialized} before the requests it announces); they are quick.
     */
    private static boolean inOrder(JsonNode message) {
        return !message.has("id") || "initialize".equals(message.path("method").asText());
    }

    private JsonNode parse(String line) {
        try {
            JsonNode message = Jackson.MAPPER.readTree(line);
            if (message != null && message.isObject()) {
                return message;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        write(error(null, PARSE_ERROR, "Parse error: each line must be one JSON-RPC message (a JSON object)"));
        return null;
    }

    private void relay(JsonNode message) {
        JsonNode id = message.has("method") ? message.get("id") : null; // only a request gets an answer
        try {
            session.send(message, this::write);
        } catch (RemoteSession.RemoteRefusal e) {
            answerFailure(id, message, e.getMessage());
        } catch (ConnectException e) {
            answerFailure(id, message, "cannot reach " + url + ": is `scriptorium serve` running there?");
        } catch (IOException e) {
            answerFailure(id, message, "lost the connection to " + url + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request gets its error as its response; a notification's failure can only be told on stderr. */
    private void answerFailure(JsonNode id, JsonNode message, String reason) {
        if (id != null && !id.isNull()) {
            write(error(id, INTERNAL_ERROR, reason));
        } else {
            err.println("scriptorium mcp: " + message.path("method").asText("a message") + ": " + reason);
        }
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = Jackson.MAPPER.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }

    private void write(JsonNode message) {
        writing.lock();
        try {
            out.print(message.toString() + "\n"); // compact JSON has no raw newline: one message, one line
            out.flush();
        } finally {
            writing.unlock();
        }
    }
}
