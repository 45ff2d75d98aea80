package scriptorium.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Waits for a process the tests started (an instance, Redis, nginx) to answer on its loopback port. */
final class Listening {

    /** What makes a connected socket count as ready (a connection alone, or an answer to a command). */
    interface Probe {
        boolean ready(Socket connected) throws IOException;

        Probe CONNECTED = socket -> true;

        /**
         * A Scriptorium server that is ready: {@code GET /health} answers 200 (it listens before its store is open, and
         * says 503 {@code starting} until then).
         */
        Probe HEALTHY = socket -> {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] status = socket.getInputStream().readNBytes(12); // "HTTP/1.1 200"
            return new String(status, java.nio.charset.StandardCharsets.US_ASCII).endsWith(" 200");
        };
    }

    private Listening() {}

    /**
     * Polls {@code 127.0.0.1:port} every {@code every} until {@code probe} accepts a connection; throws when
     * {@code within} has passed, or at once when {@code alive} says the process has gone (its message).
     */
    static void await(String what, int port, Duration within, Duration every, Probe probe,
                      java.util.function.Supplier<String> alive) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String gone = alive.get();
            if (gone != null) {
                throw new IllegalStateException(what + " exited: " + gone);
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (probe.ready(socket)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException(what + " did not listen on " + port + " within " + within.toSeconds() + " s");
    }
}
