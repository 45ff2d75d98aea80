package scriptorium.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import scriptorium.access.AccessDenied;
import scriptorium.access.Caller;
import scriptorium.access.Decision;
import scriptorium.access.Gate;
import scriptorium.access.GateRequest;

/**
 * The access gate (PROTOCOL §8) on Javalin: reads what {@link Gate} needs from each request, runs it before any
 * route, and hands the route its {@link Caller}. Routes never check access themselves; they call {@link #caller}.
 * Also sets the security headers of every response (CSP, nosniff, no referrer, no framing).
 */
public final class AccessFilter {

    static final String SESSION_COOKIE = "scriptorium_session";
    private static final String CALLER = "scriptorium.caller";

    private final Gate gate;
    private final String contentSecurityPolicy;

    public AccessFilter(Gate gate) {
        this.gate = gate;
        this.contentSecurityPolicy = ContentSecurityPolicy.forPage();
    }

    public void register(RoutesConfig routes) {
        routes.before(this::screen);
        routes.beforeMatched(this::admit);
        routes.exception(AccessDenied.class, (e, ctx) -> refuse(ctx, e));
    }

    /** The caller the gate admitted; only an open route can have none, and those do not ask (they use {@link #anyone}). */
    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new AccessDenied(401, "unauthenticated", "sign in, or send Authorization: Bearer <token>", 0);
        }
        return caller;
    }

    /** The caller of an open route, or null when anonymous. */
    static Caller anyone(Context ctx) {
        return ctx.attribute(CALLER);
    }

    /** Every request, static files included: security headers, then Host and Origin. */
    private void screen(Context ctx) {
        ctx.header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
        gate.screen(request(ctx, null)).ifPresent(denied -> {
            throw denied;
        });
    }

    /** A request that matched a route: content type, credentials, scope, limits. */
    private void admit(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null) {
            return; // a static file of the page (Javalin runs before-matched handlers for those too): open to all
        }
        switch (gate.admit(request(ctx, endpoint.path))) {
            case Decision.Allowed allowed -> ctx.attribute(CALLER, allowed.caller());
            case Decision.Anonymous anonymous -> { }
            case Decision.Refused refused -> throw refused.reason();
        }
    }

    private static GateRequest request(Context ctx, String template) {
        long length = ctx.contentLength();
        boolean body = length > 0 || ctx.header("Transfer-Encoding") != null;
        return new GateRequest(ctx.method().name(), template, ctx.header("Host"), ctx.header("Origin"),
                ctx.header("Sec-Fetch-Site"), ctx.header("Content-Type"), body, ctx.header("Authorization"),
                ctx.cookie(SESSION_COOKIE), ctx.ip());
    }

    private static void refuse(Context ctx, AccessDenied e) {
        if (e.status() == 401 && e.code().equals("unauthenticated")) {
            // RFC 9728, as MCP's authorization specification asks: where a client learns how to authenticate here.
            ctx.header("WWW-Authenticate", "Bearer realm=\"scriptorium\", resource_metadata=\""
                    + ctx.scheme() + "://" + ctx.host() + AccountRoutes.RESOURCE_METADATA + "\"");
        }
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        ctx.status(e.status()).contentType("application/json").result(Json.error(e.code(), e.getMessage()));
    }
}
