package scriptorium.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import scriptorium.run.Failure;

/**
 * A servlet of another component (the MCP transport) served as ordinary Javalin routes on {@code path}, rather than
 * mounted beside Javalin on Jetty's context handler: so every request to it passes whatever runs before Javalin's
 * routes (the access gate: Host, Origin, credentials), logs and metrics like any route, and nothing reaches it around
 * them. The servlet is asked for at each request: the MCP endpoint is built once the server listens, and its
 * requests are held until the server is ready ({@link ReadyGate}).
 *
 * <p>Two adaptations keep the servlet's answers ours. Its asynchronous mode is emulated on the virtual thread that
 * serves the request ({@link BlockingAsyncContext}): the route returns only once the servlet completes, so Javalin
 * finishes a response the servlet has finished. And its {@code sendError} becomes our JSON error body
 * ({@code {"error":{"code","message"}}}), written before Javalin's error pages would run (they skip a committed
 * response).
 */
public final class ServletRoute {

    private final String path;
    private final Supplier<HttpServlet> servlet;

    /** The request attribute under which the servlet finds the access gate's {@code Caller}. */
    public static final String CALLER = "scriptorium.caller";

    public ServletRoute(String path, Supplier<HttpServlet> servlet) {
        this.path = path;
        this.servlet = servlet;
    }

    public void register(RoutesConfig routes) {
        routes.post(path, this::serve);
        routes.get(path, this::serve);
        routes.delete(path, this::serve);
    }

    private void serve(Context ctx) throws ServletException, IOException, InterruptedException {
        ctx.req().setAttribute(CALLER, AccessFilter.caller(ctx)); // the one identity its tools see
        var async = new BlockingAsyncContext();
        var request = new Request(ctx.req(), async);
        var response = new Response(ctx.res());
        async.bind(request, response);
        servlet.get().service(request, response);
        async.awaitComplete();
    }

    /** The servlet's view of the request: asynchronous processing stays on this thread. */
    private static final class Request extends HttpServletRequestWrapper {
        private final BlockingAsyncContext async;

        Request(HttpServletRequest request, BlockingAsyncContext async) {
            super(request);
            this.async = async;
        }

        @Override
        public AsyncContext startAsync() {
            return async.start();
        }

        @Override
        public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
            return async.start();
        }

        @Override
        public boolean isAsyncStarted() {
            return async.started();
        }

        @Override
        public boolean isAsyncSupported() {
            return true;
        }

        @Override
        public AsyncContext getAsyncContext() {
            if (!async.started()) {
                throw new IllegalStateException("not in asynchronous mode");
            }
            return async;
        }
    }

    /** The servlet's view of the response: an error is our JSON error, never Jetty's page. */
    private static final class Response extends HttpServletResponseWrapper {

        Response(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            Failure failure = Failure.ofStatus(status, message == null || message.isBlank()
                    ? defaultMessage(status) : message);
            setStatus(status);
            setContentType("application/json");
            setCharacterEncoding(StandardCharsets.UTF_8.name());
            var writer = getWriter();
            writer.write(Json.error(failure.code(), failure.message()));
            writer.flush();
        }

        private static String defaultMessage(int status) {
            return switch (status) {
                case 404 -> "no such MCP session: initialize again";
                case 405 -> "method not allowed on this endpoint";
                case 413 -> "the JSON-RPC message is too large";
                case 503 -> "the server is shutting down";
                default -> "the request was refused (" + status + ")";
            };
        }
    }
}
