package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/**
 * Hostile and malformed requests, generated from a fixed seed and sent over raw sockets to every endpoint:
 * never a 5xx, a JSON error for every refusal, and the server goes on serving (issue 6, bad input).
 */
class FuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> POSTS = List.of("/api/v1/chat/orchestrated/stream", "/api/v1/chat/orchestrated",
            "/api/v1/runs/r-1/cancel");
    private static final List<String> GETS = List.of("/api/v1/runs/r-1/stream", "/api/v1/runs/r-1",
            "/api/v1/conversations", "/api/v1/conversations/s-1", "/health");
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @Test
    void mutatedBodiesAreRefusedWithJsonErrorsOrServedNeverFailed() throws Exception {
        var random = new Random(20261126);
        byte[] valid = "{\"message\": \"Plume, reformule : un test.\", \"mode\": \"auto\", \"session_id\": \"s-fuzz\"}"
                .getBytes(StandardCharsets.UTF_8);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] body = mutate(valid, random);
            String path = POSTS.get(random.nextInt(POSTS.size()));
            Reply reply = send("POST", path, body, "application/json");
            assertThat(reply.status).as("POST %s with %s", path, printable(body)).isBetween(200, 499);
            if (reply.status >= 400) {
                refused++;
                assertJsonError(reply, path);
            } else if (path.endsWith("/stream")) {
                assertThat(reply.body).as("stream of %s", printable(body)).endsWith("data: [DONE]\n\n");
            }
        }
        assertThat(refused).as("most mutations are refused").isGreaterThan(100);
    }

    @Test
    void hostileValuesAndPathsGetFourHundredsInJson() throws Exception {
        List<byte[]> bodies = List.of(
                "{\"message\": \"\u0000\u0001\u0002\"}".getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', 'm', 'e', 's', 's', 'a', 'g', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                ("{\"message\": \"" + "a".repeat(60_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                "{\"message\": {\"$gt\": \"\"}}".getBytes(StandardCharsets.UTF_8),
                "{\"message\": \"hi\", \"context_ids\": [\"../../etc/passwd\"]}".getBytes(StandardCharsets.UTF_8),
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".repeat(50).getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        for (byte[] body : bodies) {
            Reply reply = send("POST", "/api/v1/chat/orchestrated", body, "application/json");
            assertThat(reply.status).as(printable(body)).isBetween(400, 499);
            assertJsonError(reply, printable(body));
        }
        for (String path : List.of("/api/v1/runs/..%2F..%2Fetc%2Fpasswd", "/api/v1/runs/%00", "/api/v1/runs/"
                + "x".repeat(2000), "/api/v1/conversations/' OR 1=1 --".replace(" ", "%20"), "/api/v1/runs/r-1/stream?after=9999999999999999999999")) {
            Reply reply = send("GET", path, new byte[0], null);
            assertThat(reply.status).as(path).isBetween(400, 499);
            assertJsonError(reply, path);
        }
    }

    @Test
    void aTenMibBodyIs413AndOtherClientsAreServedMeanwhile() throws Exception {
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        Reply reply = send("POST", "/api/v1/chat/orchestrated/stream", huge, "application/json");
        assertThat(reply.status).isEqualTo(413);
        assertJsonError(reply, "10 MiB");
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void slowLorisPartialBodiesDoNotStopTheServerFromServingOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                var socket = new Socket("127.0.0.1", server.uri("/").getPort());
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/chat/orchestrated HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"mess").getBytes(StandardCharsets.UTF_8));
                out.flush();
                slow.add(socket);
            }
            long started = System.nanoTime();
            var ok = server.post("/api/v1/chat/orchestrated", "{\"message\": \"Mimir, cherche la patience\"}");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms to serve a run beside 100 slow bodies")
                    .isLessThan(10_000);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] body = valid.clone();
        return switch (random.nextInt(7)) {
            case 0 -> java.util.Arrays.copyOf(body, random.nextInt(body.length)); // truncated
            case 1 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    body[random.nextInt(body.length)] = (byte) random.nextInt(256); // any byte, invalid UTF-8 too
                }
                yield body;
            }
            case 2 -> new String(body, StandardCharsets.UTF_8).replace("\"auto\"", randomValue(random))
                    .getBytes(StandardCharsets.UTF_8);
            case 3 -> new String(body, StandardCharsets.UTF_8).replace("\"Plume, reformule : un test.\"",
                    randomValue(random)).getBytes(StandardCharsets.UTF_8);
            case 4 -> new String(body, StandardCharsets.UTF_8).replace("\"s-fuzz\"", randomValue(random))
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> {
                byte[] noise = new byte[random.nextInt(200)];
                random.nextBytes(noise);
                yield noise;
            }
            default -> ("{\"message\": \"" + "\u0007\u001b[31m".repeat(random.nextInt(50)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String randomValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "null";
            case 1 -> Integer.toString(random.nextInt());
            case 2 -> "[1, \"a\", {}]";
            case 3 -> "{\"nested\": {\"deep\": []}}";
            case 4 -> "true";
            case 5 -> "\"" + "z".repeat(random.nextInt(20_000)) + "\"";
            case 6 -> "\"\\u0000\\ud800\"";
            default -> "\"  \"";
        };
    }

    private static void assertJsonError(Reply reply, String what) throws IOException {
        JsonNode error = JSON.readTree(reply.body).path("error");
        assertThat(error.path("code").asText()).as("error code for %s: %s", what, reply.body).isNotBlank();
        assertThat(error.path("message").asText()).as("error message for %s", what).isNotBlank();
    }

    private record Reply(int status, String body) {}

    /** One request over a raw socket, so that bytes go out exactly as written, invalid ones included. */
    private static Reply send(String method, String path, byte[] body, String contentType) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            var head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may answer 413 and close before reading a huge body: read its answer below
            }
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            String payload = response.substring(split + 4);
            if (response.substring(0, split).toLowerCase().contains("transfer-encoding: chunked")) {
                payload = dechunk(payload);
            }
            return new Reply(status, payload);
        }
    }

    private static String dechunk(String chunked) {
        var out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            byte[] rest = chunked.substring(eol + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(rest, 0, size, StandardCharsets.UTF_8);
            out.append(chunk);
            at = eol + 2 + chunk.length() + 2;
        }
    }

    private static String printable(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
