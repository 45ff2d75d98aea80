package scriptorium.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import scriptorium.events.EventFeed;
import scriptorium.events.EventLogUnavailable;
import scriptorium.events.RunEvent;
import scriptorium.events.Sequenced;

/**
 * Streams one run's events from its log: replay after a {@code seq}, then follow live, a heartbeat when
 * quiet, until the terminal event and {@code [DONE]} (PROTOCOL §2, §5). Every stream, new or resumed, is this.
 */
final class StreamHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamHandler.class);
    private static final Duration AWAIT_STEP = Duration.ofSeconds(30);
    private static final int MAX_BATCH = 64;

    private final EventFeed events;
    private final Duration heartbeat;
    private final Duration retry;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter sent;
    private final Counter resumed;

    StreamHandler(EventFeed events, Duration heartbeat, Duration retry, MeterRegistry meters) {
        this.events = events;
        this.heartbeat = heartbeat;
        this.retry = retry;
        meters.gauge("scriptorium.streams.open", open);
        this.sent = meters.counter("scriptorium.stream.events");
        this.resumed = meters.counter("scriptorium.stream.reconnects");
    }

    /**
     * @throws EventFeed.UnknownRunException before any byte is written, if the run has no log
     * @throws ApiException before any byte is written, if {@code after} is past the run's last seq (PROTOCOL §7)
     */
    void stream(Context ctx, String runId, String sessionId, long after) {
        long last = events.lastSeq(runId).orElseThrow(() -> new EventFeed.UnknownRunException(runId));
        if (after > last) {
            throw ApiException.badRequest("bad_last_event_id", "Last-Event-ID: " + after
                    + " is past the last event of run " + runId + " (seq " + last + ")");
        }
        try (var ignored = MDC.putCloseable("run_id", runId);
             var subscription = events.follow(runId, after)) {
            open.incrementAndGet();
            try {
                if (after > 0) {
                    resumed.increment();
                }
                log.debug("stream opened, replaying after seq {}", after);
                write(SseWriter.open(ctx, runId, sessionId, retry), subscription);
                log.debug("stream closed after the terminal event");
            } finally {
                open.decrementAndGet();
            }
        } catch (ClientGone e) {
            log.debug("stream closed: the client left; the run goes on");
        } catch (EventLogUnavailable e) {
            // Cut like a dropped connection, without [DONE]: the client resumes from its last id once it is back.
            log.warn("stream cut: {}", e.getMessage());
        } catch (InterruptedException e) {
            log.debug("stream closed: the server is stopping");
            Thread.currentThread().interrupt();
        }
    }

    private void write(SseWriter out, EventFeed.Subscription subscription) throws InterruptedException {
        Optional<Sequenced> ready = subscription.poll(Duration.ZERO);
        if (ready.isEmpty()) {
            out.flush(); // nothing to send yet: the headers go now (SseWriter.open)
        } else if (writeAvailable(out, subscription, ready.get())) { // the headers go with it
            out.done();
            return;
        }
        while (true) {
            Optional<Sequenced> next = subscription.poll(heartbeat);
            if (next.isPresent()) {
                if (writeAvailable(out, subscription, next.get())) {
                    break;
                }
            } else if (subscription.finished()) {
                break; // the client already had the terminal event: [DONE] at once
            } else {
                out.comment("keepalive");
            }
        }
        out.done();
    }

    /**
     * Writes {@code first} and the events already behind it, then flushes once: a stream that lags (a burst,
     * a resumed replay) catches up in one write; a stream that keeps up flushes each event as it comes.
     * Returns true once the terminal event is written.
     */
    private boolean writeAvailable(SseWriter out, EventFeed.Subscription subscription, Sequenced first)
            throws InterruptedException {
        Sequenced event = first;
        for (int written = 1; ; written++) {
            out.event(event);
            sent.increment();
            log.debug("wrote seq {}", event.seq());
            if (event.terminal()) {
                out.flush();
                return true;
            }
            Optional<Sequenced> behind = written < MAX_BATCH ? subscription.poll(Duration.ZERO) : Optional.empty();
            if (behind.isEmpty()) {
                out.flush();
                return false;
            }
            event = behind.get();
        }
    }

    /** Waits up to {@code timeout} for every open stream to end. */
    int open() {
        return open.get();
    }

    void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits for the run's terminal event, however long the run takes (for the non-streaming endpoint). */
    RunEvent.Terminal awaitEnd(String runId) throws InterruptedException {
        try (var subscription = events.follow(runId, 0)) {
            while (true) {
                Optional<Sequenced> next = subscription.poll(AWAIT_STEP);
                if (next.isPresent() && next.get().event() instanceof RunEvent.Terminal end) {
                    return end;
                }
            }
        }
    }
}
