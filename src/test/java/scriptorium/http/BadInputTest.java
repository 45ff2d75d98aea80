package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scriptorium.testing.TestServer;

/** PROTOCOL §1: bad input gets 400/413 JSON naming the field, before any stream, and the server stays up. */
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no message             | {}                                         | 400 | message: required
            null message           | {"message": null}                          | 400 | message: required
            blank message          | {"message": "   "}                         | 400 | message: must be 1..10000
            number message         | {"message": 42}                            | 400 | message: must be a string
            unknown mode           | {"message": "hi", "mode": "loud"}          | 400 | mode: must be one of
            mode of wrong type     | {"message": "hi", "mode": ["auto"]}        | 400 | mode: must be a string
            session of wrong type  | {"message": "hi", "session_id": 7}         | 400 | session_id:
            session with a slash   | {"message": "hi", "session_id": "../x"}    | 400 | session_id:
            context not an array   | {"message": "hi", "context_ids": "n-1"}    | 400 | context_ids:
            context of numbers     | {"message": "hi", "context_ids": [1, 2]}   | 400 | context_ids:
            body not json          | message=hi                                 | 400 | body: not valid JSON
            body an array          | ["hi"]                                     | 400 | body: must be a JSON object
            truncated json         | {"message": "hi"                           | 400 | body: not valid JSON
            """)
    void badChatInputIsRefusedBeforeAnyStream(String name, String body, int status, String message) throws Exception {
        for (String path : new String[] {CHAT_STREAM, "/api/v1/chat/orchestrated"}) {
            HttpResponse<String> response = server.post(path, body);
            assertThat(response.statusCode()).as(name + " on " + path).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            JsonNode error = JSON.readTree(response.body()).path("error");
            assertThat(error.path("code").asText()).isNotBlank();
            assertThat(error.path("message").asText()).contains(message);
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} characters")
    @CsvSource({"10001, 400", "10000, 200"})
    void theMessageLengthLimitIsTenThousandCharactersAfterTrim(int length, int status) {
        String message = "  " + "é".repeat(length) + "  ";
        var response = server.post("/api/v1/chat/orchestrated",
                JSON.createObjectNode().put("message", message).put("mode", "plume").toString());
        assertThat(response.statusCode()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"70000", "10485760"})
    void aBodyOver64KibIs413(int size) throws Exception {
        String body = "{\"message\": \"hi\", \"padding\": \"" + "x".repeat(size) + "\"}";
        var response = server.send(HttpRequest.newBuilder(server.uri(CHAT_STREAM))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains("body");
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    /**
     * A client that sends its whole body before it reads (Python's http.client, curl without Expect) gets the 413
     * too: the server reads the refused body to its end before it answers, not a reset in the middle of the upload.
     */
    @Test
    void aClientThatSendsAllOfATooLargeBodyBeforeReadingGetsThe413() throws Exception {
        byte[] body = ("{\"message\": \"hi\", \"padding\": \"" + "x".repeat(10 << 20) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        URI uri = server.uri(CHAT_STREAM);
        try (var socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + CHAT_STREAM + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/v1/nothing-here, 404", "/api/v1/runs/r-1/stream?after=-3, 400",
            "/api/v1/runs/r-1/stream?after=abc, 400", "/api/v1/conversations?limit=0, 400"})
    void unknownRoutesAndBadParametersAreJsonErrors(String path, int status) throws Exception {
        var response = server.get(path);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).isNotBlank();
    }
}
