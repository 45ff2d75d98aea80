package scriptorium.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal SSE client over a raw socket, one blocking virtual thread per stream: the load client of the
 * benchmark, light enough that thousands of streams measure the server and not the client.
 */
final class RawSse implements AutoCloseable {

    /** Receives each {@code data:} line; returns false to drop the connection there. */
    @FunctionalInterface
    interface Listener {
        boolean data(String data, long receivedNanos);
    }

    private final Socket socket;
    private final InputStream in;
    private int status;
    private boolean chunked;

    private RawSse(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    /** Sends the request and reads the response head; the body is then read by {@link #read}. */
    static RawSse open(int port, String method, String path, String body, String lastEventId) throws IOException {
        var socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(180_000);
        var sse = new RawSse(socket);
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Accept: text/event-stream\r\nConnection: close\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        }
        if (lastEventId != null) {
            head.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(payload);
        out.flush();
        sse.status = Integer.parseInt(sse.line().substring(9, 12));
        for (String header; !(header = sse.line()).isEmpty(); ) {
            if (header.toLowerCase().startsWith("transfer-encoding:") && header.toLowerCase().contains("chunked")) {
                sse.chunked = true;
            }
        }
        return sse;
    }

    int status() {
        return status;
    }

    /** Reads {@code data:} lines until {@code [DONE]} (true), the end of the stream or a drop (false). */
    boolean read(Listener listener) throws IOException {
        var body = chunked ? new Dechunker(in) : in;
        byte[] buffer = new byte[8192];
        var line = new ByteArrayOutputStream(512);
        for (int n; (n = body.read(buffer, 0, buffer.length)) != -1; ) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                line.write(buffer, from, i - from);
                from = i + 1;
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.startsWith("data: ")) {
                    if (text.equals("data: [DONE]")) {
                        return true;
                    }
                    if (!listener.data(text.substring(6), System.nanoTime())) {
                        return false;
                    }
                }
            }
            line.write(buffer, from, n - from);
        }
        return false;
    }

    private String line() throws IOException {
        var bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed by the peer
        }
    }

    /** Reads an HTTP/1.1 chunked body as one stream of bytes. */
    private static final class Dechunker extends InputStream {
        private final InputStream in;
        private int left;
        private boolean ended;

        Dechunker(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                String size = sizeLine();
                left = size == null ? 0 : Integer.parseInt(size, 16);
                if (left == 0) {
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        private String sizeLine() throws IOException {
            var size = new StringBuilder();
            for (int b; (b = in.read()) != -1; ) {
                if (b == '\n') {
                    if (!size.isEmpty()) {
                        return size.toString().split(";")[0].strip();
                    }
                    continue; // the CRLF closing the previous chunk
                }
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            return null;
        }
    }
}
