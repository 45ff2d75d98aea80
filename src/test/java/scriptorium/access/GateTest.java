package scriptorium.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scriptorium.config.Settings;

/** The gate's Host, Origin and content-type rules as a table (local mode: no database behind them). */
class GateTest {

    private static final Gate GATE = new Gate(Settings.from(Map.of("PUBLIC_URL", "https://notes.example.org",
            "ALLOWED_HOSTS", "box.lan")).access(), "local", null, null, null, Clock.systemUTC());

    @ParameterizedTest(name = "Host {0}: {1}")
    @CsvSource({
            "localhost:8080, ok", "127.0.0.1, ok", "[::1]:8080, ok", "LOCALHOST:8080, ok", "notes.example.org, ok",
            "box.lan:8080, ok", "127.0.0.1.evil.example, bad_host", "localhost.evil.example:8080, bad_host",
            "evil.example, bad_host", "'', bad_host", "[::1.evil], bad_host"})
    void onlyTheServersOwnNamesAreAccepted(String host, String expected) {
        assertThat(screen(new GateRequest("GET", null, host, null, null, null, false, null, null, "1.2.3.4")))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} from {1} ({2}): {3}")
    @CsvSource({
            "POST, http://localhost:8080, same-origin, ok",
            "POST, , , ok",                                       // a program: no Origin, no Sec-Fetch-Site
            "DELETE, http://localhost:8080, none, ok",
            "POST, https://notes.example.org, same-origin, ok",   // through the public URL
            "POST, http://localhost:9999, same-site, cross_origin", // a sibling port of the same machine
            "POST, http://localhost:9999, , cross_origin",
            "PUT, http://evil.example, cross-site, cross_origin",
            "PATCH, null, , cross_origin",                        // a sandboxed frame or a file: page
            "POST, , cross-site, cross_origin",
            "GET, http://evil.example, cross-site, ok"})           // reading is refused by CORS, not here
    void stateChangingRequestsMustComeFromOurOwnOrigin(String method, String origin, String site, String expected) {
        assertThat(screen(new GateRequest(method, null, "localhost:8080", origin, site, null, false, null, null,
                "1.2.3.4"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource({
            "POST, application/json, allowed", "POST, application/json; charset=utf-8, allowed",
            "POST, text/plain, unsupported_media_type", "POST, application/x-www-form-urlencoded, unsupported_media_type",
            "POST, multipart/form-data; boundary=x, unsupported_media_type", "PUT, , unsupported_media_type",
            "DELETE, text/plain, unsupported_media_type"})
    void aBodyMustBeJson(String method, String type, String expected) {
        Decision decision = GATE.admit(new GateRequest(method, "/api/v1/notes", "localhost", null, null, type, true,
                null, null, "1.2.3.4"));
        assertThat(switch (decision) {
            case Decision.Allowed a -> "allowed";
            case Decision.Anonymous a -> "anonymous";
            case Decision.Refused r -> r.reason().code();
        }).isEqualTo(expected);
    }

    private static String screen(GateRequest request) {
        Optional<AccessDenied> refused = GATE.screen(request);
        return refused.map(AccessDenied::code).orElse("ok");
    }
}
