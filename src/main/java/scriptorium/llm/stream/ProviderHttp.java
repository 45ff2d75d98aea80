package scriptorium.llm.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import scriptorium.json.Jackson;

/**
 * The HTTP client a provider adapter streams through, and the alarm clock of its calls' deadlines; closed with
 * the adapter.
 *
 * <p>OkHttp rather than the JDK client: OkHttp reads the response on the calling thread with plain blocking I/O,
 * which on a run's virtual thread costs one park per network read, where the JDK client hands every chunk (or
 * line) from its selector thread to the caller through queues. HTTP/1.1 only: cancelling a stream then closes
 * its TCP connection, which every server notices at once and stops generating. OkHttp's own timeouts are off:
 * {@link StreamingCall} sets the first-token and whole-message deadlines with {@link #alarm}.
 */
public final class ProviderHttp implements AutoCloseable {

    /**
     * OkHttp finds a pooled connection by scanning every connection of its pool, on each call: with thousands of
     * streams open at once, that scan is a large share of a call's cost. Calls are spread over independent pools
     * so that each scan is a sixteenth as long.
     */
    private static final int POOLS = 16;
    /** Idle connections kept for reuse per pool: enough for the calls of a busy server to rarely open a new one. */
    private static final int IDLE_CONNECTIONS = 64;
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient[] clients = new OkHttpClient[POOLS];
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledThreadPoolExecutor clock;

    public ProviderHttp(Duration connectTimeout) {
        OkHttpClient base = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .fastFallback(false) // addresses tried in turn on the calling thread: racing them costs a hand-off
                .connectTimeout(connectTimeout)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .build();
        for (int i = 0; i < POOLS; i++) {
            clients[i] = base.newBuilder().connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                    .build();
        }
        this.clock = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "provider-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        clock.setRemoveOnCancelPolicy(true); // most alarms are disarmed long before they would ring
    }

    /**
     * A streaming POST of {@code json} to {@code url}; the adapter adds its authentication headers. The tree is
     * written as UTF-8 bytes at once: a discussion's request holds its whole conversation, and a string in between
     * (UTF-16 as soon as one accent is in it) would be built, copied and encoded again on every call.
     */
    public static Request.Builder post(String url, JsonNode json) {
        byte[] body;
        try {
            body = Jackson.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
        }
        return new Request.Builder()
                .url(url)
                .header("accept", "text/event-stream")
                .header("accept-encoding", "identity") // tokens as they come, never held back by a gzip window
                .post(RequestBody.create(body, JSON));
    }

    /** Sends {@code request}; the response is read from the returned stream. */
    public EventStream open(Request request) {
        OkHttpClient client = clients[Math.floorMod(next.getAndIncrement(), POOLS)];
        return new EventStream(client.newCall(request));
    }

    /** Runs {@code action} after {@code delay} unless the returned alarm is disarmed first. */
    public Alarm alarm(Duration delay, Runnable action) {
        return new Alarm(clock, delay, action);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        for (OkHttpClient client : clients) { // calls run on our threads: OkHttp's dispatcher never started one
            client.connectionPool().evictAll();
        }
    }
}
