package scriptorium.llm.stream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The responses of one connection, read from its socket into one buffer: the status line and headers, then the body
 * as its framing says (chunked, a content length, or until the server closes), de-chunked in place so that the
 * body's bytes lie contiguous in the buffer and a caller copies a line out of it once.
 *
 * <p>The buffer holds, in order: body bytes decoded and not yet consumed ({@code [start, end)}), then bytes read
 * from the socket and not yet decoded ({@code [raw, limit)}); between {@code end} and {@code raw} lie chunk headers
 * already consumed. Not thread-safe: the connection's one reader uses it.
 */
final class ResponseReader {

    private static final int MAX_HEAD = 64 * 1024;
    /** A longer line (an event) than this is not a provider talking. */
    private static final int MAX_BUFFER = 8 << 20;
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);

    private enum Framing { CHUNKED, LENGTH, UNTIL_CLOSE, NONE }

    private final InputStream in;
    private byte[] buf = new byte[16 * 1024];
    private int start;
    private int end;
    private int raw;
    private int limit;
    private Framing framing = Framing.NONE;
    /** LENGTH: body bytes still to come; CHUNKED: bytes of the current chunk still to come. */
    private long left;
    private boolean firstChunk;
    private boolean ended;
    private boolean keepAlive;
    /** Bytes read from the socket since the request was sent: zero means the server answered nothing at all. */
    private long received;

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next response's status line and headers (interim 1xx answers skipped); the body follows. */
    EventStream.Head head() throws IOException {
        start = end = raw;
        while (true) {
            int length = headLength();
            EventStream.Head head = parseHead(raw, length);
            raw += length;
            start = end = raw;
            if (head.status() >= 200 || head.status() == 101) {
                frame(head);
                return head;
            }
        }
    }

    /** Marks the start of an exchange: from now on, {@link #nothingReceived} says whether the server answered. */
    void sent() {
        received = limit - raw; // bytes left from before would be the server's, unasked: counted as an answer
    }

    /** Whether no byte of a response came since the request was {@link #sent}: the server dropped it unanswered. */
    boolean nothingReceived() {
        return received == 0;
    }

    /** Whether the body was read to its end and the connection may carry another exchange. */
    boolean reusable() {
        return ended && keepAlive && framing != Framing.UNTIL_CLOSE && raw == limit && start == end;
    }

    /** The length of the head at {@code raw}, its blank line included, reading as needed. */
    private int headLength() throws IOException {
        int scanned = raw;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buf[i] == '\n' && i > raw && (buf[i - 1] == '\n' || buf[i - 1] == '\r' && i - 2 >= raw
                        && buf[i - 2] == '\n')) {
                    return i + 1 - raw;
                }
            }
            scanned = Math.max(raw, limit - 3);
            if (limit - raw > MAX_HEAD) {
                throw new ProtocolException("a response head over " + MAX_HEAD + " bytes");
            }
            int before = raw;
            if (!readMore()) {
                throw new EOFException(received == 0 ? "the server closed the connection without answering"
                        : "the server closed the connection in the response head");
            }
            scanned -= before - raw; // readMore may have moved the bytes down
        }
    }

    private EventStream.Head parseHead(int from, int length) throws ProtocolException {
        int to = from + length;
        int lineEnd = lineEnd(from, to);
        if (lineEnd - from < 12 || !Arrays.equals(buf, from, from + HTTP_1.length, HTTP_1, 0, HTTP_1.length)) {
            throw new ProtocolException("not an HTTP/1.x status line: " + text(from, Math.min(lineEnd, from + 40)));
        }
        boolean http10 = buf[from + 7] == '0';
        int status = digit(from + 9) * 100 + digit(from + 10) * 10 + digit(from + 11);
        List<Headers.Field> fields = new ArrayList<>();
        for (int at = next(lineEnd, to); at < to; at = next(lineEnd, to)) {
            lineEnd = lineEnd(at, to);
            if (lineEnd == at) {
                break;
            }
            int colon = at;
            while (colon < lineEnd && buf[colon] != ':') {
                colon++;
            }
            if (colon == lineEnd) {
                throw new ProtocolException("a header line without a colon: " + text(at, lineEnd));
            }
            fields.add(new Headers.Field(text(at, colon).trim(), text(colon + 1, lineEnd).trim()));
        }
        Headers headers = new Headers(fields);
        keepAlive = http10 ? headers.has("connection", "keep-alive") : !headers.has("connection", "close");
        return new EventStream.Head(status, headers);
    }

    private void frame(EventStream.Head head) throws ProtocolException {
        Headers headers = head.headers();
        ended = false;
        if (head.status() == 204 || head.status() == 304 || head.status() == 101) {
            framing = Framing.NONE;
        } else if (headers.has("transfer-encoding", "chunked")) {
            framing = Framing.CHUNKED;
            left = 0;
            firstChunk = true;
        } else if (headers.first("content-length").isPresent()) {
            framing = Framing.LENGTH;
            try {
                left = Long.parseLong(headers.first("content-length").get());
            } catch (NumberFormatException e) {
                throw new ProtocolException("a content-length that is not a number");
            }
        } else {
            framing = Framing.UNTIL_CLOSE;
        }
        if (framing == Framing.NONE || framing == Framing.LENGTH && left == 0) {
            ended = true;
        }
    }

    /** Number of decoded body bytes in the buffer. */
    int buffered() {
        return end - start;
    }

    byte byteAt(int index) {
        return buf[start + index];
    }

    /** Whether the body bytes from {@code offset} are {@code bytes} (all of them buffered). */
    boolean rangeEquals(int offset, byte[] bytes) {
        int from = start + offset;
        return from + bytes.length <= end && Arrays.equals(buf, from, from + bytes.length, bytes, 0, bytes.length);
    }

    /**
     * Where {@code b} is next in the body, counted from the first unread byte, reading as needed; -1 when the body
     * ended without it (what is buffered then is all there is).
     */
    int indexOf(byte b) throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = start + scanned; i < end; i++) {
                if (buf[i] == b) {
                    return i - start;
                }
            }
            scanned = end - start;
            if (!fill()) {
                return -1;
            }
        }
    }

    /** Copies out the next {@code n} body bytes (buffered) and consumes them: the one copy of an event's data. */
    byte[] take(int n) {
        byte[] bytes = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        return bytes;
    }

    /** Consumes {@code n} buffered body bytes. */
    void skip(int n) {
        start += n;
    }

    /** At most {@code max} bytes of the body, read to its end or to {@code max}, as UTF-8 text (an error's JSON). */
    String text(int max) throws IOException {
        while (buffered() < max && fill()) {
            // reading on
        }
        int n = Math.min(buffered(), max);
        String text = new String(buf, start, n, StandardCharsets.UTF_8);
        start += n;
        return text;
    }

    /** Reads and drops what is left of the body, at most {@code max} bytes; true when the body ended. */
    boolean discard(int max) throws IOException {
        long dropped = 0;
        while (!ended && dropped <= max) {
            dropped += buffered();
            start = end;
            if (!fill()) {
                break;
            }
        }
        dropped += buffered();
        start = end;
        return ended && dropped <= max;
    }

    /** Makes more body bytes available; false at the end of the body. */
    private boolean fill() throws IOException {
        if (start == end) { // all consumed: decode the next bytes where they lie, no move
            start = end = raw;
        }
        while (true) {
            switch (framing) {
                case NONE -> {
                    return false;
                }
                case LENGTH -> {
                    if (left == 0) {
                        ended = true;
                        return false;
                    }
                    if (raw == limit && !readMore()) {
                        throw new EOFException("the body ended before its content-length");
                    }
                    left -= decode(left);
                    return true;
                }
                case UNTIL_CLOSE -> {
                    if (raw == limit && !readMore()) {
                        ended = true;
                        return false;
                    }
                    decode(limit - raw);
                    return true;
                }
                case CHUNKED -> {
                    if (left > 0) {
                        if (raw == limit && !readMore()) {
                            throw new EOFException("the connection closed in the middle of a chunk");
                        }
                        left -= decode(left);
                        return true;
                    }
                    if (ended || !nextChunk()) {
                        return false;
                    }
                }
            }
        }
    }

    /** Moves up to {@code most} raw bytes (read already) into the body, after its last decoded byte. */
    private int decode(long most) {
        int n = (int) Math.min(most, limit - raw);
        if (raw != end) {
            System.arraycopy(buf, raw, buf, end, n);
        }
        raw += n;
        end += n;
        return n;
    }

    /** Reads a chunk's size line (after the previous chunk's CRLF); false at the last chunk, trailers read. */
    private boolean nextChunk() throws IOException {
        if (!firstChunk) {
            int crlf = rawLineEnd();
            if (crlf != raw) {
                throw new ProtocolException("a chunk longer than its size");
            }
            raw = next(crlf, limit);
        }
        firstChunk = false;
        int lineEnd = rawLineEnd();
        long size = 0;
        int at = raw;
        for (; at < lineEnd && buf[at] != ';' && buf[at] != ' '; at++) {
            int digit = Character.digit(buf[at], 16);
            if (digit < 0 || size > Integer.MAX_VALUE) {
                throw new ProtocolException("a bad chunk size: " + text(raw, lineEnd));
            }
            size = size * 16 + digit;
        }
        if (at == raw) {
            throw new ProtocolException("a chunk without a size");
        }
        raw = next(lineEnd, limit);
        if (size > 0) {
            left = size;
            return true;
        }
        for (int trailer = rawLineEnd(); trailer != raw; trailer = rawLineEnd()) { // trailers: ignored
            raw = next(trailer, limit);
        }
        raw = next(rawLineEnd(), limit);
        ended = true;
        return false;
    }

    /** Where the raw line at {@code raw} ends (its CR or LF), reading as needed. */
    private int rawLineEnd() throws IOException {
        while (true) {
            for (int i = raw; i < limit; i++) {
                if (buf[i] == '\n') {
                    return i > raw && buf[i - 1] == '\r' ? i - 1 : i;
                }
            }
            if (!readMore()) {
                throw new EOFException("the connection closed in the chunked framing");
            }
        }
    }

    /** Reads from the socket after what is buffered, making room first; false at the end of the stream. */
    private boolean readMore() throws IOException {
        if (limit == buf.length) {
            if (start > 0) { // move what is still needed down to the start of the buffer
                int shift = Math.min(start, raw);
                System.arraycopy(buf, shift, buf, 0, limit - shift);
                start -= shift;
                end -= shift;
                raw -= shift;
                limit -= shift;
            }
            if (limit == buf.length) {
                if (buf.length >= MAX_BUFFER) {
                    throw new ProtocolException("a line of the response over " + MAX_BUFFER + " bytes");
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        received += n;
        return true;
    }

    /** The index of the CR or LF that ends the line at {@code from} in the head, or {@code to}. */
    private int lineEnd(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i > from && buf[i - 1] == '\r' ? i - 1 : i;
            }
        }
        return to;
    }

    /** The start of the line after the one ending at {@code lineEnd} (on its CR or LF). */
    private int next(int lineEnd, int to) {
        int at = lineEnd < to && buf[lineEnd] == '\r' ? lineEnd + 1 : lineEnd;
        return at < to && buf[at] == '\n' ? at + 1 : at;
    }

    private int digit(int at) throws ProtocolException {
        if (buf[at] < '0' || buf[at] > '9') {
            throw new ProtocolException("a status that is not three digits");
        }
        return buf[at] - '0';
    }

    private String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
