package scriptorium.llm.stream;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One streaming POST whose response body is read as Server-Sent Events, on the calling thread, each wait bounded
 * by a deadline.
 *
 * <p>Why not {@code BodyHandlers.ofInputStream()}: a blocked {@code read()} can't be given a deadline, so the first
 * token and whole message timeouts would need a watchdog thread. Here the JDK client pushes lines into a queue and
 * the caller polls it with the time left; an interrupt wakes the poll at once, and {@link #close} cancels the body
 * subscription, which makes the client drop the HTTP/1.1 connection: the provider sees the disconnect and stops
 * generating (and billing).
 *
 * <p>Not thread-safe: one caller reads, though {@link #close} may come from anywhere.
 */
public final class EventStream implements AutoCloseable {

    /** What the queue carries, in order: the head, then lines, then the end or a failure. */
    private sealed interface Item {
        record Head(int status, HttpHeaders headers) implements Item {}
        record Line(String text) implements Item {}
        record End() implements Item {}
        record Failed(Throwable cause) implements Item {}
    }

    /** Status line and headers of the response. */
    public record Head(int status, HttpHeaders headers) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final CompletableFuture<HttpResponse<Void>> exchange;
    private volatile boolean closed;
    private boolean ended;

    private EventStream(HttpClient client, HttpRequest request) {
        this.exchange = client.sendAsync(request, info -> {
            queue.add(new Item.Head(info.statusCode(), info.headers()));
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
        });
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                queue.add(new Item.Failed(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure));
            }
        });
    }

    /** Sends {@code request}; returns at once, the response is awaited by {@link #head}. */
    public static EventStream open(HttpClient client, HttpRequest request) {
        return new EventStream(client, request);
    }

    /** Waits for the status line and headers. */
    public Head head(Instant deadline) throws IOException, InterruptedException, TimeoutException {
        Item item = take(deadline);
        return switch (item) {
            case Item.Head head -> new Head(head.status(), head.headers());
            case Item.Failed failed -> throw asIOException(failed.cause());
            case Item.Line line -> throw new IllegalStateException("a line before the head");
            case Item.End end -> throw new IOException("the response ended before its head");
        };
    }

    /** The next event, or empty when the body ended cleanly. A stream that fails throws {@link IOException}. */
    public Optional<SseEvent> next(Instant deadline) throws IOException, InterruptedException, TimeoutException {
        String event = null;
        List<String> data = new ArrayList<>();
        while (!ended) {
            Item item = take(deadline);
            switch (item) {
                case Item.Line(String text) -> {
                    if (text.isEmpty()) {
                        if (!data.isEmpty()) {
                            return Optional.of(new SseEvent(event, String.join("\n", data)));
                        }
                        event = null;
                    } else if (text.startsWith("data:")) {
                        data.add(field(text, 5));
                    } else if (text.startsWith("event:")) {
                        event = field(text, 6);
                    } // comments (":...") and other fields (id:, retry:) are not used by providers' replies
                }
                case Item.End end -> ended = true;
                case Item.Failed failed -> throw asIOException(failed.cause());
                case Item.Head head -> throw new IllegalStateException("a second head");
            }
        }
        // A last event without its blank line still counts: some servers close right after it.
        return data.isEmpty() ? Optional.empty() : Optional.of(new SseEvent(event, String.join("\n", data)));
    }

    /** The whole body as text (an error response's JSON), at most 64 KiB of it. */
    public String body(Instant deadline) throws IOException, InterruptedException, TimeoutException {
        var text = new StringBuilder();
        while (!ended && text.length() < MAX_ERROR_BODY) {
            switch (take(deadline)) {
                case Item.Line(String line) -> text.append(line).append('\n');
                case Item.End end -> ended = true;
                case Item.Failed failed -> throw asIOException(failed.cause());
                case Item.Head head -> throw new IllegalStateException("a second head");
            }
        }
        return text.toString();
    }

    /** Stops the exchange: cancels the body (the connection is closed, not reused) or the request in flight. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription current = subscription.get();
        if (current != null) {
            current.cancel();
        }
        exchange.cancel(true);
    }

    private Item take(Instant deadline) throws InterruptedException, TimeoutException {
        long nanos = Duration.between(Instant.now(), deadline).toNanos();
        Item item = nanos > 0 ? queue.poll(nanos, TimeUnit.NANOSECONDS) : queue.poll();
        if (item == null) {
            throw new TimeoutException();
        }
        return item;
    }

    private static String field(String line, int prefix) {
        String value = line.substring(prefix);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private static IOException asIOException(Throwable cause) {
        return cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }

    /** Receives the body's lines on the client's threads and hands them to the reader through the queue. */
    private final class Lines implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            if (closed) {
                s.cancel(); // close() ran before the body started
            } else {
                s.request(Long.MAX_VALUE); // lines are small and the reader drains them as fast as they come
            }
        }

        @Override
        public void onNext(String line) {
            queue.add(new Item.Line(line));
        }

        @Override
        public void onError(Throwable failure) {
            queue.add(new Item.Failed(failure));
        }

        @Override
        public void onComplete() {
            queue.add(new Item.End());
        }
    }
}
