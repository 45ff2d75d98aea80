package scriptorium.llm.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * One streaming POST whose response body is read as Server-Sent Events, with blocking reads on the calling thread.
 *
 * <p>Nothing here waits forever on its own: {@link #cancel}, from any thread (a deadline's {@link Alarm}), closes
 * the connection and makes a blocked connect, write or read throw at once; so does interrupting a virtual thread
 * blocked in one. The provider sees the disconnect and stops generating (and billing). {@link #close} cancels too,
 * unless the reader said the reply was complete and its body was read to the end: then the connection goes back
 * to the pool for another call.
 *
 * <p>Not thread-safe: one caller reads and closes, though {@link #cancel} may come from anywhere.
 */
public final class EventStream implements AutoCloseable {

    /** Status line and headers of the response. */
    public record Head(int status, Headers headers) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** What may follow the last event (a chunked body's last chunk) and is read so the connection can be reused. */
    private static final int MAX_DISCARD = 64 * 1024;
    /** How long the end of a body may take once the reply is complete: past it, the connection is not reused. */
    private static final Duration DISCARD_WAIT = Duration.ofMillis(100);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);

    private final ProviderHttp http;
    private final ProviderRequest request;
    private volatile Connection connection;
    private volatile boolean cancelled;
    private ResponseReader in;
    private boolean reusable;
    private byte[] lastEventName;
    private String lastEventNameText;

    EventStream(ProviderHttp http, ProviderRequest request) {
        this.http = http;
        this.request = request;
    }

    /**
     * Sends the request and waits for the status line and headers. A pooled connection that fails before any byte
     * of an answer (its server closed it while it was idle; the request cannot have been processed) is dropped and
     * the request sent once more on a new connection.
     */
    public Head head() throws IOException {
        Connection pooled = http.pool().take(request.origin());
        if (pooled != null) {
            try {
                return exchange(pooled);
            } catch (IOException stale) {
                pooled.close();
                if (cancelled || Thread.currentThread().isInterrupted() || !pooled.reader().nothingReceived()) {
                    throw stale;
                }
            }
        }
        Connection fresh = new Connection(request.origin());
        attach(fresh);
        fresh.connect(http.connectTimeout(), http.tls());
        return exchange(fresh);
    }

    private Head exchange(Connection used) throws IOException {
        attach(used);
        in = used.reader();
        in.sent();
        used.write(request.bytes());
        return in.head();
    }

    /** Makes {@code used} the one {@link #cancel} closes; closes it at once if the stream was cancelled already. */
    private void attach(Connection used) throws IOException {
        connection = used;
        if (cancelled) { // cancel() ran before it could see this connection
            used.close();
            throw new IOException("cancelled");
        }
    }

    /**
     * The next event, or empty when the body ended cleanly. A stream that fails throws {@link IOException}.
     *
     * <p>Lines are read in the connection's buffer as bytes: a {@code data:} line is copied once, into the event's
     * bytes (one per token), and an {@code event:} name that repeats the last one is not decoded again.
     */
    public Optional<SseEvent> next() throws IOException {
        String event = null;
        byte[] data = null;
        for (int end; (end = lineEnd()) >= 0; ) {
            int length = end > 0 && in.byteAt(end - 1) == '\r' ? end - 1 : end; // CRLF or LF
            if (length == 0) {
                skipLine(end);
                if (data != null) {
                    return Optional.of(new SseEvent(event, data));
                }
                event = null;
            } else if (in.rangeEquals(0, DATA)) {
                byte[] value = value(DATA.length, length, end);
                data = data == null ? value : join(data, value);
            } else if (in.rangeEquals(0, EVENT)) {
                event = eventName(length, end);
            } else { // comments (":...") and other fields (id:, retry:) are not used by providers' replies
                skipLine(end);
            }
        }
        // A last event without its blank line still counts: some servers close right after it.
        return data == null ? Optional.empty() : Optional.of(new SseEvent(event, data));
    }

    /**
     * Where the next line ends in the buffer (the index of its {@code \n}, or its length when the body ends without
     * one), reading from the network as needed; -1 at the end of the body.
     */
    private int lineEnd() throws IOException {
        int newline = in.indexOf((byte) '\n');
        if (newline >= 0) {
            return newline;
        }
        return in.buffered() > 0 ? in.buffered() : -1; // the body ended: what is left is the last line
    }

    /** Consumes the buffer up to index {@code end} included (a line and its {@code \n}, or what is left). */
    private void skipLine(int end) {
        in.skip(Math.min(end + 1, in.buffered()));
    }

    /** A field's value: the line after its name, less one leading space; the line is consumed. */
    private byte[] value(int nameLength, int length, int end) {
        int from = nameLength < length && in.byteAt(nameLength) == ' ' ? nameLength + 1 : nameLength;
        in.skip(from);
        byte[] value = in.take(length - from);
        skipLine(end - length); // what is left of the line: its \r, if any, and its \n
        return value;
    }

    /** An {@code event:} name: the last one again when the bytes are the same (one per token from Anthropic). */
    private String eventName(int length, int end) {
        int from = EVENT.length < length && in.byteAt(EVENT.length) == ' ' ? EVENT.length + 1 : EVENT.length;
        if (lastEventName != null && length - from == lastEventName.length && in.rangeEquals(from, lastEventName)) {
            skipLine(end);
            return lastEventNameText;
        }
        lastEventName = value(EVENT.length, length, end);
        lastEventNameText = new String(lastEventName, StandardCharsets.UTF_8);
        return lastEventNameText;
    }

    private static byte[] join(byte[] before, byte[] line) {
        byte[] joined = Arrays.copyOf(before, before.length + 1 + line.length);
        joined[before.length] = '\n';
        System.arraycopy(line, 0, joined, before.length + 1, line.length);
        return joined;
    }

    /** The whole body as text (an error response's JSON), at most 64 KiB of it. */
    public String body() throws IOException {
        return body(MAX_ERROR_BODY);
    }

    /** The whole body as UTF-8 text, at most {@code maxBytes} of it (a longer body is cut there). */
    public String body(int maxBytes) throws IOException {
        return in.text(maxBytes);
    }

    /**
     * Says the reply was read whole: what is left of the body (a chunked body's last chunk, usually buffered
     * already) is read for a short while, and if it ends there, closing keeps the connection for the next call.
     */
    public void complete() {
        Connection used = connection;
        try {
            used.readTimeout(DISCARD_WAIT);
            reusable = in.discard(MAX_DISCARD) && in.reusable();
            used.readTimeout(Duration.ZERO);
        } catch (IOException e) {
            reusable = false; // the reply is whole; only the connection is lost
        }
    }

    /** Stops the exchange from any thread: the connection is closed, a blocked read throws. */
    public void cancel() {
        cancelled = true;
        Connection used = connection;
        if (used != null) {
            used.close();
        }
    }

    @Override
    public void close() {
        Connection used = connection;
        if (used == null) {
            return;
        }
        if (reusable && !cancelled) {
            http.pool().release(used);
        } else {
            used.close(); // a broken, cancelled or unfinished exchange: its connection never serves another
        }
    }
}
