package scriptorium.llm.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.Response;
import okio.BufferedSource;

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

    private final Call call;
    private Response response;
    private BufferedSource source;
    private boolean complete;

    EventStream(Call call) {
        this.call = call;
    }

    /** Sends the request and waits for the status line and headers. */
    public Head head() throws IOException {
        response = call.execute();
        source = response.body().source();
        return new Head(response.code(), response.headers());
    }

    /** The next event, or empty when the body ended cleanly. A stream that fails throws {@link IOException}. */
    public Optional<SseEvent> next() throws IOException {
        String event = null;
        List<String> data = new ArrayList<>(1);
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    return Optional.of(new SseEvent(event, String.join("\n", data)));
                }
                event = null;
            } else if (line.startsWith("data:")) {
                data.add(field(line, 5));
            } else if (line.startsWith("event:")) {
                event = field(line, 6);
            } // comments (":...") and other fields (id:, retry:) are not used by providers' replies
        }
        // A last event without its blank line still counts: some servers close right after it.
        return data.isEmpty() ? Optional.empty() : Optional.of(new SseEvent(event, String.join("\n", data)));
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

    private static String field(String line, int prefix) {
        String value = line.substring(prefix);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
