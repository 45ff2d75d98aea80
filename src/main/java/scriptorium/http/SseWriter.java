package scriptorium.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import scriptorium.events.Sequenced;

/**
 * Writes Server-Sent Events on a response (PROTOCOL §2): our own, because Javalin's SSE support answers
 * GET with {@code Accept: text/event-stream} only, and our stream is a POST with {@code Accept} optional.
 * Events are flushed by {@link #flush} as soon as none is waiting behind them; a failed write throws
 * {@link ClientGone}.
 */
final class SseWriter {

    private static final int BUFFER_BYTES = 2048;
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    /** Where an event is composed, reused: one write to the response per event, no string in between. */
    private final EventBuffer event = new EventBuffer(512);

    private SseWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes the status, the headers and the {@code retry:} frame (PROTOCOL §7), so that an EventSource that loses
     * the stream reconnects after {@code retry}. The caller flushes them: with the first event when it is already
     * there (a new run's `start`: one write to the socket, not two), at once otherwise, so that the client knows the
     * stream is open before the first event.
     */
    static SseWriter open(Context ctx, String runId, String sessionId, Duration retry) {
        ctx.disableCompression();
        ctx.status(200);
        ctx.contentType("text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no");
        ctx.header("X-Run-Id", runId);
        if (sessionId != null) {
            ctx.header("X-Session-Id", sessionId);
        }
        // Jetty holds a response buffer of this size (32 KiB by default, off the heap) for as long as the response
        // is open; an event is a few hundred bytes and goes out at once, so a small one serves as well.
        ctx.res().setBufferSize(BUFFER_BYTES);
        try {
            OutputStream out = ctx.res().getOutputStream();
            out.write(("retry: " + retry.toMillis() + "\n\n").getBytes(StandardCharsets.US_ASCII));
            return new SseWriter(out);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Writes an event; {@link #flush} sends it. */
    void event(Sequenced sequenced) {
        event.reset();
        event.write(ID);
        event.writeDecimal(sequenced.seq());
        event.write(DATA);
        EventJson.write(sequenced, event);
        event.write(END);
        try {
            event.writeTo(out);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** A heartbeat: a comment line, no id, not an event; sent at once. */
    void comment(String text) {
        write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        flush();
    }

    void done() {
        write(DONE);
        flush();
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }
}
