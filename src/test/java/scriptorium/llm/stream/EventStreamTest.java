package scriptorium.llm.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SSE reader against a raw socket server, which shows exactly what the client sends and when it leaves. */
@Timeout(10)
class EventStreamTest {

    private final ServerSocket server = listen();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() throws IOException {
        client.shutdownNow();
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
        return EventStream.open(client, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
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

    private static Instant soon() {
        return Instant.now().plusSeconds(5);
    }

    @Test
    void eventsAreSplitOnBlankLinesWithMultiLineDataJoinedAndCommentsSkipped() throws Exception {
        try (EventStream stream = open();
             Socket ignored = answer("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n"
                     + ": a comment\r\nevent: ping\r\ndata: {\"a\":1}\r\n\r\ndata: line one\ndata: line two\n\n"
                     + "data: [DONE]")) {
            assertThat(stream.head(soon()).status()).isEqualTo(200);
            assertThat(stream.next(soon())).contains(new SseEvent("ping", "{\"a\":1}"));
            assertThat(stream.next(soon())).contains(new SseEvent(null, "line one\nline two"));
            ignored.close();
            assertThat(stream.next(soon())).contains(new SseEvent(null, "[DONE]")); // no blank line before EOF
            assertThat(stream.next(soon())).isEmpty();
        }
    }

    @Test
    void aStreamWithNothingNewBeforeTheDeadlineTimesOut() throws Exception {
        try (EventStream stream = open();
             Socket ignored = answer("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                     + "transfer-encoding: chunked\r\n\r\n")) {
            stream.head(soon());
            assertThatThrownBy(() -> stream.next(Instant.now().plusMillis(200))).isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void closingBeforeTheResponseHeadArrivesDropsTheConnection() throws Exception {
        EventStream stream = open();
        try (Socket socket = answer("")) { // the request arrived; no response yet
            var eof = CompletableFuture.supplyAsync(() -> {
                try {
                    return socket.getInputStream().read();
                } catch (IOException e) {
                    return -1;
                }
            });
            stream.close();
            assertThat(eof.get(3, TimeUnit.SECONDS)).isEqualTo(-1);
        }
    }

    @Test
    void anInterruptWakesAWaitAtOnce() throws Exception {
        try (EventStream stream = open()) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> stream.head(soon())).isInstanceOf(InterruptedException.class);
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
