package scriptorium.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import scriptorium.events.Sequenced;

/**
 * Writes Server-Sent Events on a response (PROTOCOL §2): our own, because Javalin's SSE support answers
 * GET with {@code Accept: text/event-stream} only, and our stream is a POST with {@code Accept} optional.
 * Frames are composed in a buffer of this writer's, and {@link #flush} hands them to Jetty as one buffer, written
 * to the socket at once (issue 15: not copied into Jetty's own buffer first, then flushed in a second call).
 * A failed write throws {@link ClientGone}.
 */
final class SseWriter {

    /** Pending frames past this size are sent before the next is composed (a long replay, a large event). */
    private static final int SEND_AT = 16 * 1024;
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    /** Jetty's, which Javalin serves on: its {@code write(ByteBuffer)} writes to the socket at once. */
    private final HttpOutput out;
    /** The frames not sent yet, in order, as UTF-8: reused, no string in between. */
    private final EventBuffer pending = new EventBuffer(512);

    private SseWriter(HttpOutput out) {
        this.out = out;
    }

    /**
     * Sets the status and the headers, and composes the {@code retry:} frame (PROTOCOL §7), so that an EventSource
     * that loses the stream reconnects after {@code retry}. The caller flushes them: with the first event when it is
     * already there (a new run's `start`: one write to the socket, not two), at once otherwise, so that the client
     * knows the stream is open before the first event.
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
        try {
            var writer = new SseWriter((HttpOutput) ctx.res().getOutputStream());
            writer.pending.write(("retry: " + retry.toMillis() + "\n\n").getBytes(StandardCharsets.US_ASCII));
            return writer;
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Composes an event; {@link #flush} sends it. */
    void event(Sequenced sequenced) {
        if (pending.size() >= SEND_AT) {
            flush();
        }
        pending.write(ID);
        pending.writeDecimal(sequenced.seq());
        pending.write(DATA);
        EventJson.write(sequenced, pending);
        pending.write(END);
    }

    /** Sends what is pending (the headers first, if not sent yet) in one write. */
    void flush() {
        try {
            out.write(ByteBuffer.wrap(pending.array(), 0, pending.size())); // at once, not through Jetty's buffer
        } catch (IOException e) {
            throw new ClientGone(e);
        } finally {
            pending.reset();
        }
    }

    /** A heartbeat: a comment line, no id, not an event; sent at once. */
    void comment(String text) {
        pending.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        flush();
    }

    void done() {
        pending.write(DONE);
        flush();
    }
}
