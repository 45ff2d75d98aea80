package scriptorium.llm.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SSE reader against a raw socket server, which shows exactly what the client sends and when it leaves. */
@Timeout(10)
class EventStreamTest {

    private final ServerSocket server = listen();
    private final ProviderHttp http = new ProviderHttp(Duration.ofSeconds(2));

    @AfterEach
    void close() throws IOException {
        http.close();
        server.close();
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private EventStream open() {
        return http.open(Endpoint.streaming("http://127.0.0.1:" + server.getLocalPort())
                .request(ProviderHttp.json(scriptorium.json.Jackson.MAPPER.createObjectNode())));
    }

    /** Accepts one connection, reads the request head and body, writes {@code response}, keeps the socket. */
    private Socket answer(String response) throws IOException {
        Socket socket = server.accept();
        InputStream in = socket.getInputStream();
        String head = "";
        while (!head.endsWith("\r\n\r\n")) {
            head += (char) in.read();
        }
        in.readNBytes(2); // the body: {}
        socket.getOutputStream().write(response.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Completes with -1 when the client closes {@code socket}. */
    private static CompletableFuture<Integer> endOf(Socket socket) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return socket.getInputStream().read();
            } catch (IOException e) {
                return -1;
            }
        });
    }

    /** Runs {@code blocking} on a virtual thread (where the stream is read in the server) and returns its future. */
    private static <T> CompletableFuture<T> onVirtualThread(java.util.concurrent.Callable<T> blocking) {
        var result = new CompletableFuture<T>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(blocking.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Test
    void eventsAreSplitOnBlankLinesWithMultiLineDataJoinedAndCommentsSkipped() throws Exception {
        var stream = open();
        var head = onVirtualThread(stream::head);
        try (stream; Socket socket = answer("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n"
                     + ": a comment\r\nevent: ping\r\ndata: {\"a\":1}\r\n\r\ndata: line one\ndata: line two\n\n"
                     + "data: [DONE]")) {
            assertThat(head.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(stream.next()).contains(new SseEvent("ping", "{\"a\":1}"));
            assertThat(stream.next()).contains(new SseEvent(null, "line one\nline two"));
            socket.close();
            assertThat(stream.next()).contains(new SseEvent(null, "[DONE]")); // no blank line before EOF
            assertThat(stream.next()).isEmpty();
        }
    }

    @Test
    void anAlarmCancellingTheStreamEndsABlockedReadAndDropsTheConnection() throws Exception {
        var stream = open();
        var head = onVirtualThread(stream::head);
        try (stream; Socket socket = answer("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                     + "transfer-encoding: chunked\r\n\r\n")) {
            head.get(5, TimeUnit.SECONDS);
            var eof = endOf(socket);
            try (Alarm alarm = http.alarm(Duration.ofMillis(200), stream::cancel)) {
                long start = System.nanoTime();
                assertThatThrownBy(stream::next).isInstanceOf(IOException.class);
                assertThat(alarm.rang()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150),
                        Duration.ofSeconds(2));
            }
            assertThat(eof.get(3, TimeUnit.SECONDS)).isEqualTo(-1);
        }
    }

    @Test
    void aDisarmedAlarmNeverRings() throws Exception {
        var rang = new java.util.concurrent.atomic.AtomicBoolean();
        try (Alarm alarm = http.alarm(Duration.ofMillis(50), () -> rang.set(true))) {
            alarm.disarm();
            Thread.sleep(150);
            assertThat(alarm.rang()).isFalse();
            assertThat(rang).isFalse();
        }
    }

    @Test
    void cancellingBeforeTheResponseHeadArrivesDropsTheConnection() throws Exception {
        var stream = open();
        var head = onVirtualThread(stream::head);
        try (Socket socket = answer("")) { // the request arrived; no response yet
            var eof = endOf(socket);
            stream.cancel();
            assertThat(eof.get(3, TimeUnit.SECONDS)).isEqualTo(-1);
            assertThatThrownBy(() -> head.get(3, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        }
        stream.close();
    }

    @Test
    void anInterruptEndsABlockedReadOfAVirtualThreadAndKeepsItsFlag() throws Exception {
        var stream = open();
        var reader = new CompletableFuture<Thread>();
        var outcome = onVirtualThread(() -> {
            reader.complete(Thread.currentThread());
            try (stream) {
                stream.head();
                return "read";
            } catch (IOException e) {
                return "interrupted: " + Thread.currentThread().isInterrupted();
            }
        });
        try (Socket socket = answer("")) {
            var eof = endOf(socket);
            Thread.sleep(100); // the reader is blocked waiting for the head
            reader.get().interrupt();
            assertThat(outcome.get(3, TimeUnit.SECONDS)).isEqualTo("interrupted: true");
            assertThat(eof.get(3, TimeUnit.SECONDS)).isEqualTo(-1);
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(ErrorStatuses.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(ErrorStatuses.parseRetryAfter("0.25")).contains(Duration.ofMillis(250));
        assertThat(ErrorStatuses.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        assertThat(ErrorStatuses.parseRetryAfter(inTenSeconds).orElseThrow()).isBetween(Duration.ofSeconds(8),
                Duration.ofSeconds(10));
        assertThat(ErrorStatuses.parseRetryAfter("soon")).isEmpty();
    }

    @Test
    void statusesMapToKindsAsTheIssueSays() {
        assertThat(ErrorStatuses.kind(401)).isEqualTo(scriptorium.llm.ModelException.Kind.AUTH);
        assertThat(ErrorStatuses.kind(403)).isEqualTo(scriptorium.llm.ModelException.Kind.AUTH);
        assertThat(ErrorStatuses.kind(429)).isEqualTo(scriptorium.llm.ModelException.Kind.RATE_LIMITED);
        assertThat(ErrorStatuses.kind(529)).isEqualTo(scriptorium.llm.ModelException.Kind.OVERLOADED);
        for (int status = 500; status <= 504; status++) {
            assertThat(ErrorStatuses.kind(status)).isEqualTo(scriptorium.llm.ModelException.Kind.UNAVAILABLE);
        }
        assertThat(ErrorStatuses.kind(400)).isEqualTo(scriptorium.llm.ModelException.Kind.BAD_REQUEST);
        assertThat(ErrorStatuses.kind(418)).isEqualTo(scriptorium.llm.ModelException.Kind.UNEXPECTED);
    }
}
