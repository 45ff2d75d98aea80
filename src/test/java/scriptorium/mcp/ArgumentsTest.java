package scriptorium.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The pure parts of the MCP entry point: argument rules, the body check, the host check. */
class ArgumentsTest {

    @Test
    void argumentsAreReadStrictlyWithASentenceNamingTheArgumentAndTheRule() {
        var args = new Arguments(Map.of("q", "lucene", "n", "7", "big", 500, "half", 2.5, "tags", List.of("a", 1)));
        assertThat(args.text("q")).isEqualTo("lucene");
        assertThat(args.integer("n", 10, 1, 50)).isEqualTo(7);
        assertThat(args.integer("absent", 10, 1, 50)).isEqualTo(10);
        assertThatThrownBy(() -> args.integer("big", 10, 1, 50)).hasMessage("big: must be from 1 to 50, got 500");
        assertThatThrownBy(() -> args.integer("half", 10, 1, 50))
                .hasMessage("half: must be a whole number from 1 to 50, got 2.5");
        assertThatThrownBy(() -> args.integer("q", 10, 1, 50)).hasMessageStartingWith("q: must be a whole number");
        assertThatThrownBy(() -> args.text("missing")).hasMessage("missing: required, a non-empty string");
        assertThatThrownBy(() -> args.textList("tags")).hasMessage("tags: must be an array of strings");
        assertThatThrownBy(() -> new Arguments(Map.of("x", 3)).optionalText("x")).hasMessage("x: must be a string");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}   | ",
            "{\"jsonrpc\":\"2.0\",\"id\":1,                      | -32700",
            "not json                                          | -32700",
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}] | -32600",
            "{\"id\":1,\"method\":\"ping\"}                      | -32600",
            "42                                                | -32600"})
    void aBodyThatIsNotOneJsonRpcMessageGetsTheJsonRpcError(String body, Integer code) {
        String refusal = McpServlet.check(body.strip().getBytes(StandardCharsets.UTF_8));
        if (code == null) {
            assertThat(refusal).isNull();
        } else {
            assertThat(refusal).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",");
        }
    }

    @ParameterizedTest(name = "Host {0}, Origin {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "localhost:8080      |                          | ok",
            "127.0.0.1:8080      | http://127.0.0.1:8080    | ok",
            "[::1]:8080          | http://[::1]:8080        | ok",
            "localhost           | http://localhost         | ok",
            "evil.example:8080   |                          | refused",
            "                    |                          | refused",
            "127.0.0.1:8080      | http://evil.example      | refused",
            "127.0.0.1:8080      | http://127.0.0.1:9999    | refused",
            "127.0.0.1:8080      | null                     | refused"})
    void theHostMustBeOursAndABrowsersOriginThisServer(String host, String origin, String verdict) {
        var check = new HostCheck(Set.of("localhost", "127.0.0.1", "[::1]"));
        HeaderAccessor headers = new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                String value = name.equalsIgnoreCase("Host") ? host : name.equalsIgnoreCase("Origin") ? origin : null;
                return value == null ? List.of() : List.of(value);
            }

            @Override
            public List<String> getHeaderNames() {
                return List.of("Host", "Origin");
            }
        };
        if (verdict.equals("ok")) {
            assertThatCode(() -> check.validate(headers)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> check.validate(headers)).isInstanceOf(ServerTransportSecurityException.class);
        }
    }
}
