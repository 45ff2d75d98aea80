package scriptorium.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet's asynchronous mode, kept on the virtual thread that serves the request: {@code startAsync} only marks
 * the request, {@code complete} (from any thread) releases the thread waiting in {@link #awaitComplete}. Jetty's own
 * async mode would let the route return while the servlet still writes, and Javalin would then end the response
 * under it; a blocked virtual thread costs nothing. Dispatching, and threads started through the
 * context, are not supported (no servlet here uses them).
 */
final class BlockingAsyncContext implements AsyncContext {

    private static final Logger log = LoggerFactory.getLogger(BlockingAsyncContext.class);

    private final CountDownLatch completed = new CountDownLatch(1);
    private final List<AsyncListener> listeners = new CopyOnWriteArrayList<>();
    private ServletRequest request;
    private ServletResponse response;
    private volatile boolean started;
    private long timeout;

    void bind(ServletRequest request, ServletResponse response) {
        this.request = request;
        this.response = response;
    }

    AsyncContext start() {
        started = true;
        return this;
    }

    boolean started() {
        return started && completed.getCount() > 0;
    }

    /** Returns at once unless the servlet started async mode; then waits until it completes. */
    void awaitComplete() throws InterruptedException {
        if (started) {
            completed.await();
        }
    }

    @Override
    public void complete() {
        if (completed.getCount() == 0) {
            return;
        }
        completed.countDown();
        var event = new AsyncEvent(this, request, response);
        for (AsyncListener listener : listeners) {
            try {
                listener.onComplete(event);
            } catch (IOException | RuntimeException e) {
                // A listener's failure must not keep the others (or the request) from completing.
                log.warn("async listener failed on complete", e);
            }
        }
    }

    @Override
    public ServletRequest getRequest() {
        return request;
    }

    @Override
    public ServletResponse getResponse() {
        return response;
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return false;
    }

    @Override
    public void dispatch() {
        throw new UnsupportedOperationException("dispatch: not supported by a route-mounted servlet");
    }

    @Override
    public void dispatch(String path) {
        dispatch();
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        dispatch();
    }

    @Override
    public void start(Runnable run) {
        throw new UnsupportedOperationException("start: not supported by a route-mounted servlet");
    }

    @Override
    public void addListener(AsyncListener listener) {
        listeners.add(listener);
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        listeners.add(listener);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) {
        throw new UnsupportedOperationException("createListener: not supported by a route-mounted servlet");
    }

    @Override
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    @Override
    public long getTimeout() {
        return timeout;
    }
}
