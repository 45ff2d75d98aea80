package scriptorium.llm.stream;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * One streaming POST whose response body is read as Server-Sent Events, with blocking reads on the calling thread.
 *
 * <p>Nothing here waits forever on its own: {@link #cancel}, from any thread (a deadline's {@link Alarm}), closes
 * the connection and makes a blocked read throw at once; so does interrupting a virtual thread blocked in a read.
 * The provider sees the disconnect and stops generating (and billing). {@link #close} cancels too, unless the
 * reader said the reply was complete: then the connection goes back to the pool for another call.
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

    private static final long MAX_ERROR_BODY = 64 * 1024;
    private static final ByteString DATA = ByteString.encodeUtf8("data:");
    private static final ByteString EVENT = ByteString.encodeUtf8("event:");

    private final Call call;
    private Response response;
    private BufferedSource source;
    private boolean complete;
    private ByteString lastEventName;
    private String lastEventNameText;

    EventStream(Call call) {
        this.call = call;
    }

    /** Sends the request and waits for the status line and headers. */
    public Head head() throws IOException {
        response = call.execute();
        source = response.body().source();
        return new Head(response.code(), response.headers());
    }

    /**
     * The next event, or empty when the body ended cleanly. A stream that fails throws {@link IOException}.
     *
     * <p>Lines are read from okio's buffer as bytes: a {@code data:} line is copied once, into the event's bytes (one
     * per token), and an {@code event:} name that repeats the last one is not decoded again.
     */
    public Optional<SseEvent> next() throws IOException {
        String event = null;
        byte[] data = null;
        for (long end; (end = lineEnd()) >= 0; ) {
            long length = end > 0 && buffer().getByte(end - 1) == '\r' ? end - 1 : end; // CRLF or LF
            if (length == 0) {
                skipLine(end);
                if (data != null) {
                    return Optional.of(new SseEvent(event, data));
                }
                event = null;
            } else if (source.rangeEquals(0, DATA)) {
                byte[] value = value(DATA.size(), length, end);
                data = data == null ? value : join(data, value);
            } else if (source.rangeEquals(0, EVENT)) {
                event = eventName(length, end);
            } else { // comments (":...") and other fields (id:, retry:) are not used by providers' replies
                skipLine(end);
            }
        }
        // A last event without its blank line still counts: some servers close right after it.
        return data == null ? Optional.empty() : Optional.of(new SseEvent(event, data));
    }

    private Buffer buffer() {
        return source.getBuffer();
    }

    /**
     * Where the next line ends in the buffer (the index of its {@code \n}, or its length when the body ends without
     * one), reading from the network as needed; -1 at the end of the body.
     */
    private long lineEnd() throws IOException {
        long newline = source.indexOf((byte) '\n');
        if (newline >= 0) {
            return newline;
        }
        return buffer().size() > 0 ? buffer().size() : -1; // indexOf read to the end: what is left is the last line
    }

    /** Consumes the buffer up to index {@code end} included (a line and its {@code \n}, or what is left). */
    private void skipLine(long end) throws IOException {
        source.skip(Math.min(end + 1, buffer().size()));
    }

    /** A field's value: the line after its name, less one leading space; the line is consumed. */
    private byte[] value(long nameLength, long length, long end) throws IOException {
        long from = nameLength < length && buffer().getByte(nameLength) == ' ' ? nameLength + 1 : nameLength;
        source.skip(from);
        byte[] value = source.readByteArray(length - from);
        skipLine(end - length); // what is left of the line: its \r, if any, and its \n
        return value;
    }

    /** An {@code event:} name: the last one again when the bytes are the same (one per token from Anthropic). */
    private String eventName(long length, long end) throws IOException {
        long from = EVENT.size() < length && buffer().getByte(EVENT.size()) == ' ' ? EVENT.size() + 1 : EVENT.size();
        if (lastEventName != null && length - from == lastEventName.size()
                && source.rangeEquals(from, lastEventName)) {
            skipLine(end);
            return lastEventNameText;
        }
        byte[] name = value(EVENT.size(), length, end);
        lastEventName = ByteString.of(name);
        lastEventNameText = lastEventName.utf8();
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
        source.request(MAX_ERROR_BODY); // false at the end of a shorter body: what came is what there is
        return source.getBuffer().readUtf8(Math.min(source.getBuffer().size(), MAX_ERROR_BODY));
    }

    /** Says the reply was read whole: closing then keeps the connection for reuse. */
    public void complete() {
        complete = true;
    }

    /** Stops the exchange from any thread: the connection is closed, a blocked read throws. */
    public void cancel() {
        call.cancel();
    }

    @Override
    public void close() {
        if (!complete) {
            cancel();
        }
        if (response != null) {
            response.close();
        }
    }
}
