package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.http.StreamingProtocolTest.body;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import scriptorium.testing.TestServer;

/** {@code GET /metrics}: Prometheus text that counts what runs and streams did. */
class MetricsTest {

    @Test
    void runsStreamsAndReconnectsAreCountedByRouteAndOutcome() {
        try (var server = TestServer.start(Map.of())) {
            var events = server.stream(CHAT_STREAM, body("Plume, reformule : les métriques comptent.", "auto")).readToEnd();
            server.stream(CHAT_STREAM, body("Mimir, cherche les métriques", "auto")).readToEnd();
            String runId = events.getFirst().path("run_id").asText();
            server.follow("/api/v1/runs/" + runId + "/stream", 2L).readToEnd();

            var response = server.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            String text = response.body();
            assertThat(value(text, "scriptorium_runs_total\\{outcome=\"completed\",route=\"plume\"}")).isEqualTo(1);
            assertThat(value(text, "scriptorium_runs_total\\{outcome=\"completed\",route=\"mimir\"}")).isEqualTo(1);
            assertThat(value(text, "scriptorium_stream_reconnects_total")).isEqualTo(1);
            assertThat(value(text, "scriptorium_stream_events_total")).isGreaterThanOrEqualTo(events.size() * 2 - 2);
            assertThat(value(text, "scriptorium_streams_open")).isZero();
            assertThat(value(text, "scriptorium_run_first_token_seconds_count")).isEqualTo(2);
            assertThat(text).contains("scriptorium_run_duration_seconds_count{outcome=\"completed\",route=\"plume\"}");
        }
    }

    private static double value(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.E+-]+)$").matcher(metrics);
        assertThat(matcher.find()).as("metric %s in%n%s", name, metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
