package scriptorium.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server listens before the services behind its routes are in place (issue 16: the database and the archive
 * open meanwhile). A request to a route sent in that time is held here until they are, then served as it would be a
 * moment later, never refused; past {@code patience} (the store's timeout) it gets 503 {@code starting} with
 * {@code Retry-After}. The page's static files need no store and are never held; {@code /health} answers
 * {@code starting} itself. Runs before the access gate's checks of credentials (which may read the store), so that a
 * held request passes them all once released.
 */
final class ReadyGate {

    static final String HEALTH = "/health";

    private final Future<?> ready;
    private final Duration patience;
    /** Requests held now: a start that fails answers each before the server stops. */
    private final AtomicInteger held = new AtomicInteger();

    ReadyGate(Future<?> ready, Duration patience) {
        this.ready = ready;
        this.patience = patience;
    }

    boolean ready() {
        return ready.state() == Future.State.SUCCESS;
    }

    /** What {@code /health} says while the services are not in place: starting, or (the start failed) unavailable. */
    String state() {
        return ready.state() == Future.State.RUNNING ? "starting" : "unavailable";
    }

    /** A before-matched handler: a no-op once the services are in place. */
    void hold(Context ctx) throws InterruptedException, IOException {
        if (ready()) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null || endpoint.path.equals(HEALTH)) {
            return; // a static file of the page (Javalin runs before-matched handlers for those too), or /health
        }
        held.incrementAndGet();
        try {
            ready.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ctx.header("Retry-After", "1");
            throw new ApiException(503, "starting",
                    "the server is still starting (its database and archive are opening): try again in a moment");
        } catch (ExecutionException | CancellationException e) {
            // The server stops right after a failed start: the answer goes out now, before the connection closes.
            ctx.res().setStatus(503);
            ctx.res().setContentType("application/json");
            ctx.res().getOutputStream().write(Json.error("shutting_down", "the server could not start, and is stopping")
                    .getBytes(StandardCharsets.UTF_8));
            ctx.res().flushBuffer();
            ctx.skipRemainingHandlers();
        } finally {
            held.decrementAndGet();
        }
    }

    /** Waits, up to {@code limit}, until every request held has had its answer. */
    void awaitAnswered(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (held.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
