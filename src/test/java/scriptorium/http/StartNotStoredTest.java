package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.http.StreamingProtocolTest.body;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.llm.ChatModel;
import scriptorium.llm.ModelEvent;
import scriptorium.llm.ModelException;
import scriptorium.testing.PostgresServer;
import scriptorium.testing.TestServer;

/**
 * A run calls its model while its start is being stored (issue 15); what it streams waits for the stored start.
 * If the database never takes the start, the client sees `start`, then `error store_unavailable`, nothing between
 * (PROTOCOL §7), and the model call already under way is cancelled.
 */
@Timeout(120)
class StartNotStoredTest {

    @Test
    void aRunWhoseStartIsNotStoredAfterItsModelCallStartedEndsWithStartThenErrorOnly() throws Exception {
        var called = new CountDownLatch(1);
        var interrupted = new AtomicBoolean();
        var refusedAtFirstToken = new AtomicBoolean();
        ChatModel talkative = (request, sink) -> {
            called.countDown();
            try {
                sink.accept(new ModelEvent.TextDelta("Je cherche")); // streamed by the model, never seen by the client
            } catch (RuntimeException refused) {
                // The database failed before this first token: the run stops its model here rather than by interrupt.
                refusedAtFirstToken.set(true);
                throw refused;
            }
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw new ModelException(ModelException.Kind.CANCELLED, "interrupted");
            }
            throw new AssertionError("the model call was not cancelled");
        };
        try (var postgres = PostgresServer.start();
             var server = TestServer.start(Map.of("DATABASE_URL", postgres.url(), "STORE_TIMEOUT_SECONDS", "2"),
                     talkative)) {
            postgres.stop();
            try {
                List<JsonNode> events = server.stream(CHAT_STREAM, body("Mimir, cherche la panne", "auto")).readToEnd();

                assertThat(called.await(0, TimeUnit.SECONDS)).as("the model was called before the start was stored")
                        .isTrue();
                assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("start", "error");
                assertThat(events.getLast().path("code").asText()).isEqualTo("store_unavailable");
                assertThat(events.getLast().path("retryable").asBoolean()).isTrue();
                assertThat(interrupted.get() || refusedAtFirstToken.get()).as("the model call was cancelled").isTrue();
            } finally {
                postgres.resume();
            }
        }
    }
}
