package scriptorium.llm.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;

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

    /** Idle connections kept for reuse: enough for the calls of a busy server to rarely open a new one. */
    private static final int IDLE_CONNECTIONS = 512;
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final ScheduledThreadPoolExecutor clock;

    public ProviderHttp(Duration connectTimeout) {
        this.client = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .connectTimeout(connectTimeout)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .build();
        this.clock = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "provider-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        clock.setRemoveOnCancelPolicy(true); // most alarms are disarmed long before they would ring
    }

    /** A streaming POST of {@code json} to {@code url}; the adapter adds its authentication headers. */
    public static Request.Builder post(String url, String json) {
        return new Request.Builder()
                .url(url)
                .header("accept", "text/event-stream")
                .header("accept-encoding", "identity") // tokens as they come, never held back by a gzip window
                .post(RequestBody.create(json, JSON));
    }

    /** Sends {@code request}; the response is read from the returned stream. */
    public EventStream open(Request request) {
        return new EventStream(client.newCall(request));
    }

    /** Runs {@code action} after {@code delay} unless the returned alarm is disarmed first. */
    public Alarm alarm(Duration delay, Runnable action) {
        return new Alarm(clock, delay, action);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
