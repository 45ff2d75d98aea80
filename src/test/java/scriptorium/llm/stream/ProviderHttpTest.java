package scriptorium.llm.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP/1.1 exchange against a raw socket server that shows what goes over each connection: framing, keep-alive
 * reuse, a pooled connection the server closed, a server dying mid-stream, errors.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProviderHttpTest {

    private static final String SSE_HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n";

    private final ServerSocket server = listen();
    private final ProviderHttp http = new ProviderHttp(Duration.ofSeconds(2));
    private final AtomicInteger connections = new AtomicInteger();
    private final LinkedBlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        http.close();
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the server does on one connection: answers each request read from it, in turn. */
    @FunctionalInterface
    private interface Conversation {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    /** Serves each next connection with the next conversation, on a virtual thread. */
    private void serve(Conversation... perConnection) {
        Thread.ofVirtual().start(() -> {
            for (Conversation conversation : perConnection) {
                try {
                    Socket socket = server.accept();
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                    connections.incrementAndGet();
                    conversation.serve(socket.getInputStream(), socket.getOutputStream());
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Reads one request (head and content-length body) and records its head. */
    private String request(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed");
            }
            head.append((char) b);
        }
        int length = Integer.parseInt(head.toString().lines().filter(l -> l.startsWith("content-length: "))
                .findFirst().orElseThrow().substring(16).trim());
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        requests.add(head + body);
        return body;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A body with its content-length, after the head's other lines. */
    private static String fixed(String body) {
        return "content-length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String chunk(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n";
    }

    private ProviderRequest post(String body) {
        return Endpoint.streaming("http://127.0.0.1:" + server.getLocalPort() + "/v1/messages?beta=true",
                "x-api-key", "k").request(body.getBytes(StandardCharsets.UTF_8));
    }

    /** One whole exchange as StreamingCall makes it: the events' data, then complete and close. */
    private List<String> call(String body) throws IOException {
        List<String> data = new ArrayList<>();
        try (EventStream stream = http.open(post(body))) {
            assertThat(stream.head().status()).isEqualTo(200);
            for (var event = stream.next(); event.isPresent(); event = stream.next()) {
                data.add(event.get().data());
                if (event.get().dataIs("[DONE]")) {
                    break;
                }
            }
            stream.complete();
        }
        return data;
    }

    @Test
    void theRequestIsOneHttp11PostWithItsHeadersAndLength() throws Exception {
        serve((in, out) -> {
            request(in);
            write(out, SSE_HEAD + fixed("data: [DONE]\n\n"));
        });
        assertThat(call("{\"é\":1}")).containsExactly("[DONE]");
        assertThat(requests.take()).isEqualTo("POST /v1/messages?beta=true HTTP/1.1\r\n"
                + "host: 127.0.0.1:" + server.getLocalPort() + "\r\nuser-agent: scriptorium\r\n"
                + "accept: text/event-stream\r\naccept-encoding: identity\r\ncontent-type: application/json\r\n"
                + "x-api-key: k\r\ncontent-length: 8\r\n\r\n{\"é\":1}");
    }

    @Test
    void chunkedBodiesAreReadWhateverTheChunksCutAndTheConnectionIsKeptForTheNextCall() throws Exception {
        serve((in, out) -> {
            request(in);
            write(out, SSE_HEAD + "transfer-encoding: chunked\r\n\r\n");
            // an event split inside a line, a chunk extension, two events in one chunk, then trailers
            write(out, chunk("event: a\ndata: {\"t\":\"hé"));
            write(out, "3;ext=1\r\nllo\r\n" + chunk("\"}\n\n") + chunk("data: 1\r\n\r\ndata: 2\n\n"));
            write(out, chunk("data: [DONE]\n\n") + "0\r\nx-trailer: y\r\n\r\n");
            request(in);
            write(out, SSE_HEAD + "transfer-encoding: chunked\r\n\r\n" + chunk("data: again\n\n") + "0\r\n\r\n");
        });
        assertThat(call("{}")).containsExactly("{\"t\":\"héllo\"}", "1", "2", "[DONE]");
        assertThat(call("{}")).containsExactly("again");
        assertThat(connections).hasValue(1);
    }

    @Test
    void aBodyByteByByteIsReadAsWhole() throws Exception {
        String body = "event: e\ndata: one\n\ndata: two\n\n";
        serve((in, out) -> {
            request(in);
            write(out, SSE_HEAD + "content-length: " + body.length() + "\r\n\r\n");
            for (char c : body.toCharArray()) {
                write(out, String.valueOf(c));
            }
            request(in);
            write(out, SSE_HEAD + fixed("data: ok\n\n"));
        });
        assertThat(call("{}")).containsExactly("one", "two");
        assertThat(call("{}")).containsExactly("ok");
        assertThat(connections).hasValue(1);
    }

    @Test
    void aPooledConnectionTheServerClosedIsReplacedWithoutTheCallerNoticing() throws Exception {
        serve((in, out) -> {
            request(in);
            write(out, SSE_HEAD + fixed("data: ok\n\n"));
            in.close(); // the server's idle timeout: the pooled connection is dead before the next call
        }, (in, out) -> {
            request(in);
            write(out, SSE_HEAD + fixed("data: fresh\n\n"));
        });
        assertThat(call("{}")).containsExactly("ok");
        Thread.sleep(100); // the close reached the client
        assertThat(call("{\"again\":1}")).containsExactly("fresh");
        assertThat(connections).hasValue(2);
        requests.take();
        assertThat(requests.take()).endsWith("{\"again\":1}");
    }

    @Test
    void aStreamCutMidBodyFailsAndItsConnectionIsNeverReused() throws Exception {
        serve((in, out) -> {
            request(in);
            write(out, SSE_HEAD + "transfer-encoding: chunked\r\n\r\n" + chunk("data: one\n\n") + "20\r\ndata: par");
            out.close(); // dies in the middle of a chunk
        }, (in, out) -> {
            request(in);
            write(out, SSE_HEAD + fixed("data: ok\n\n"));
        });
        try (EventStream stream = http.open(post("{}"))) {
            stream.head();
            assertThat(stream.next().orElseThrow().data()).isEqualTo("one");
            assertThatThrownBy(stream::next).isInstanceOf(IOException.class);
        }
        assertThat(call("{}")).containsExactly("ok");
        assertThat(connections).hasValue(2);
    }

    @Test
    void aServerThatAnswersAndThenClosesIsNotRetried() throws Exception {
        serve((in, out) -> {
            request(in);
            write(out, SSE_HEAD + fixed("data: ok\n\n"));
            request(in);
            write(out, "HTTP/1.1 200 OK\r\ncontent-"); // some of an answer: the request was processed
            out.close();
        });
        assertThat(call("{}")).containsExactly("ok");
        try (EventStream stream = http.open(post("{}"))) {
            assertThatThrownBy(stream::head).isInstanceOf(IOException.class);
        }
        assertThat(connections).hasValue(1);
    }

    @Test
    void anAnswerWithConnectionCloseOrWithoutLengthIsReadToTheEndAndTheConnectionDropped() throws Exception {
        serve((in, out) -> {
            request(in);
            write(out, SSE_HEAD + "connection: close\r\n" + fixed("data: ok\n\n"));
        }, (in, out) -> {
            request(in);
            write(out, SSE_HEAD + "\r\ndata: until\n\ndata: closed\n\n");
            out.close();
        }, (in, out) -> {
            request(in);
            write(out, SSE_HEAD + fixed("data: ok\n\n"));
        });
        assertThat(call("{}")).containsExactly("ok");
        assertThat(call("{}")).containsExactly("until", "closed");
        assertThat(call("{}")).containsExactly("ok");
        assertThat(connections).hasValue(3);
    }

    @Test
    void anErrorAnswerGivesItsStatusHeadersAndBody() throws Exception {
        String json = "{\"error\":{\"type\":\"rate_limit_error\"}}";
        serve((in, out) -> {
            request(in);
            write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\n"
                    + "content-type: application/json\r\ncontent-length: " + json.length() + "\r\n\r\n" + json);
        });
        try (EventStream stream = http.open(post("{}"))) {
            EventStream.Head head = stream.head();
            assertThat(head.ok()).isFalse();
            assertThat(head.status()).isEqualTo(429);
            assertThat(ErrorStatuses.retryAfter(head.headers())).contains(Duration.ofSeconds(3));
            assertThat(stream.body()).isEqualTo(json);
        }
    }

    @Test
    void aServerThatIsNotThereIsAnIoFailureAtOnce() throws Exception {
        int port = server.getLocalPort();
        server.close();
        try (EventStream stream = http.open(Endpoint.streaming("http://127.0.0.1:" + port).request(new byte[0]))) {
            assertThatThrownBy(stream::head).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aCancelDuringTheRequestsWaitClosesTheConnectionAndNothingIsPooled() throws Exception {
        var served = new LinkedBlockingQueue<Integer>();
        serve((in, out) -> {
            request(in);
            served.add(in.read()); // -1 once the client cancelled
        }, (in, out) -> {
            request(in);
            write(out, SSE_HEAD + fixed("data: ok\n\n"));
        });
        EventStream stream = http.open(post("{}"));
        try (stream; Alarm alarm = http.alarm(Duration.ofMillis(100), stream::cancel)) {
            assertThatThrownBy(stream::head).isInstanceOf(IOException.class);
            assertThat(alarm.rang()).isTrue();
        }
        assertThat(served.poll(3, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(call("{}")).containsExactly("ok");
        assertThat(connections).hasValue(2);
    }
}
