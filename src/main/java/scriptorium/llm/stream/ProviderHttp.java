package scriptorium.llm.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.net.ssl.SSLSocketFactory;
import scriptorium.json.Jackson;

/**
 * The HTTP/1.1 client a provider adapter streams through, its idle connections, and the alarm clock of its calls'
 * deadlines; closed with the adapter.
 *
 * <p>Our own, rather than OkHttp or the JDK's client, because a provider call is one narrow thing: a POST whose
 * answer is read as a stream of small events on the caller's virtual thread. Blocking sockets on that thread cost
 * one park per network read; the JDK client hands every chunk from its selector thread to the caller through
 * queues (measured in issue 6), and OkHttp's connection pool scanned all its connections on every call and, on
 * every release, scheduled a cleanup task under the lock of its one task runner (issue 15 measures both). Here an
 * idle connection waits in a lock-free deque ({@link ConnectionPool}), a request is written as one array and the
 * response is read into one buffer ({@link ResponseReader}). HTTP/1.1 only: cancelling a stream closes its TCP
 * connection, which every server notices at once and stops generating. Connect has its own timeout; a call's
 * first-token and whole-message deadlines are {@link #alarm}s set by {@link StreamingCall}.
 */
public final class ProviderHttp implements AutoCloseable {

    /** Under the keep-alive timeouts of common servers (30 s for the JDK's, 60 s and more for most proxies). */
    private static final Duration MAX_IDLE = Duration.ofSeconds(20);

    private final Duration connectTimeout;
    private final SSLSocketFactory tls;
    private final ConnectionPool pool = new ConnectionPool(MAX_IDLE);
    private final ScheduledThreadPoolExecutor clock;

    /** A client that trusts what the JDK trusts ({@code https} with the default {@code SSLContext}). */
    public ProviderHttp(Duration connectTimeout) {
        this(connectTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tls how https connections are made: another trust store (tests) or the default */
    public ProviderHttp(Duration connectTimeout, SSLSocketFactory tls) {
        this.connectTimeout = connectTimeout;
        this.tls = tls;
        this.clock = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "provider-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        clock.setRemoveOnCancelPolicy(true); // most alarms are disarmed long before they would ring
    }

    /**
     * A JSON tree as the UTF-8 bytes of a request body, written at once: a discussion's request holds its whole
     * conversation, and a string in between (UTF-16 as soon as one accent is in it) would be built, copied and
     * encoded again on every call.
     */
    public static byte[] json(JsonNode json) {
        try {
            return Jackson.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
        }
    }

    /** Sends {@code request} when the returned stream's head is asked for; the response is read from it. */
    public EventStream open(ProviderRequest request) {
        return new EventStream(this, request);
    }

    /** Runs {@code action} after {@code delay} unless the returned alarm is disarmed first. */
    public Alarm alarm(Duration delay, Runnable action) {
        return new Alarm(clock, delay, action);
    }

    ConnectionPool pool() {
        return pool;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    SSLSocketFactory tls() {
        return tls;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        pool.close();
    }
}
