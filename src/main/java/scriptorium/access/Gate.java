package scriptorium.access;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import scriptorium.config.AccessSettings;
import scriptorium.config.AccessSettings.AuthMode;

/**
 * The one check every request passes before any route (PROTOCOL §8), in this order:
 * <ol>
 *   <li>{@code Host} is one of ours, else 403 {@code bad_host} (a DNS-rebinding page names its own host);</li>
 *   <li>a state-changing request comes from our own origin, else 403 {@code cross_origin} (CSRF);</li>
 *   <li>a body sent to a route is JSON, else 415 (a cross-site form or {@code text/plain} fetch needs no preflight);</li>
 *   <li>the caller is known (local owner, session cookie or bearer token), else 401 {@code unauthenticated};</li>
 *   <li>the caller may do what the route needs ({@link Policy}), else 403;</li>
 *   <li>a run may start under the caller's limits, else 429.</li>
 * </ol>
 * Steps 1 and 2 apply to every request, static files too ({@link #screen}); the rest to routes ({@link #admit}).
 * Thread-safe; blocks on the database for credentials and limits.
 */
public final class Gate {

    private final AccessSettings settings;
    private final String localOwner;
    private final Accounts accounts;
    private final Tokens tokens;
    private final RunLimits limits;
    private final Set<String> hosts;

    public Gate(AccessSettings settings, String localOwner, Accounts accounts, Tokens tokens,
                scriptorium.store.UsageStore usage, java.time.Clock clock) {
        this.settings = settings;
        this.localOwner = localOwner;
        this.accounts = accounts;
        this.tokens = tokens;
        this.limits = new RunLimits(usage, settings, clock);
        var hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        if (!settings.publicHost().isEmpty()) {
            hosts.add(settings.publicHost());
        }
        hosts.addAll(settings.allowedHosts());
        this.hosts = Set.copyOf(hosts);
    }

    public boolean localMode() {
        return settings.mode() == AuthMode.LOCAL;
    }

    /** Host and origin: for every request, before anything is served. Empty when it may go on. */
    public Optional<AccessDenied> screen(GateRequest request) {
        String host = hostName(request.host());
        if (host == null || !hosts.contains(host)) {
            return Optional.of(new AccessDenied(403, "bad_host", "Host: " + request.host() + " is not this server's"
                    + " name (add it to ALLOWED_HOSTS or PUBLIC_URL if it is)", 0));
        }
        if (request.changesState() && !sameOrigin(request)) {
            return Optional.of(new AccessDenied(403, "cross_origin", "Origin: a " + request.method()
                    + " from another site is refused", 0));
        }
        return Optional.empty();
    }

    /**
     * Throws {@link AccessDenied} (429 {@code rate_limited} or {@code budget_exceeded}) when {@code owner} may not start
     * a run now: for entry points whose runs start inside one request (MCP's tools), not at the route.
     */
    public void admitRun(String owner) {
        limits.check(owner);
    }

    /** Content type, credentials, scope and limits, for a request that matched {@code request.template()}. */
    public Decision admit(GateRequest request) {
        if (request.changesState() && request.hasBody() && !json(request.contentType())
                && !(Policy.takesUploads(request.method(), request.template()) && multipart(request.contentType()))) {
            return refuse(415, "unsupported_media_type", Policy.takesUploads(request.method(), request.template())
                    ? "Content-Type: must be multipart/form-data" : "Content-Type: must be application/json");
        }
        Need need = Policy.of(request.method(), request.template());
        Optional<Caller> caller;
        try {
            caller = identify(request);
        } catch (AccessDenied bad) {
            return need == Need.OPEN ? new Decision.Anonymous() : new Decision.Refused(bad);
        }
        if (caller.isEmpty()) {
            return need == Need.OPEN ? new Decision.Anonymous()
                    : refuse(401, "unauthenticated", "sign in, or send Authorization: Bearer <token>");
        }
        Optional<AccessDenied> refused = allowed(caller.get(), need);
        if (refused.isPresent()) {
            return new Decision.Refused(refused.get());
        }
        if (Policy.startsRun(request.method(), request.template())) {
            try {
                limits.check(caller.get().userId());
            } catch (AccessDenied limited) {
                return new Decision.Refused(limited);
            }
        }
        return new Decision.Allowed(caller.get());
    }

    /** The caller, empty without credentials; throws 401 for credentials that are wrong, expired or revoked. */
    private Optional<Caller> identify(GateRequest request) {
        if (settings.mode() == AuthMode.LOCAL) {
            return Optional.of(Caller.local(localOwner));
        }
        String authorization = request.authorization();
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new AccessDenied(401, "unauthenticated", "Authorization: must be Bearer <token>", 0);
            }
            return Optional.of(tokens.caller(authorization.substring(7).strip()).orElseThrow(() ->
                    new AccessDenied(401, "unauthenticated", "Authorization: unknown, expired or revoked token", 0)));
        }
        if (request.sessionCookie() != null) {
            return Optional.of(accounts.session(request.sessionCookie()).orElseThrow(() ->
                    new AccessDenied(401, "unauthenticated", "your session has ended: sign in again", 0)));
        }
        return Optional.empty();
    }

    private static Optional<AccessDenied> allowed(Caller caller, Need need) {
        boolean ok = switch (need) {
            case OPEN -> true;
            case READ -> caller.may(Scope.READ);
            case WRITE -> caller.may(Scope.WRITE);
            case CHAT -> caller.may(Scope.CHAT);
            case SIGNED_IN -> true;
            case METRICS -> caller.admin() || caller.may(Scope.METRICS);
            case SESSION, ADMIN -> caller.via() != Caller.Via.TOKEN;
        };
        if (!ok) {
            String what = switch (need) {
                case SESSION, ADMIN -> "a signed-in session (tokens cannot manage tokens or users)";
                default -> "scope " + need.name().toLowerCase(Locale.ROOT);
            };
            return Optional.of(new AccessDenied(403, "insufficient_scope", "this route needs " + what, 0));
        }
        if (need == Need.ADMIN && !caller.admin()) {
            return Optional.of(new AccessDenied(403, "admin_only", "this route is for admins", 0));
        }
        return Optional.empty();
    }

    /**
     * A browser names the page that sent the request: {@code Sec-Fetch-Site} (anything but same-origin or a typed
     * URL is another page, a sibling port of 127.0.0.1 included, which is "same-site") and {@code Origin}, which must
     * be this server as the request reached it ({@code Host}) or {@code PUBLIC_URL}. Programs send neither.
     */
    private boolean sameOrigin(GateRequest request) {
        String site = request.secFetchSite();
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return false;
        }
        String origin = request.origin();
        if (origin == null) {
            return true;
        }
        String authority = authority(origin);
        return authority != null && (authority.equals(normalized(request.host(), origin.startsWith("https:")))
                || (!settings.publicUrl().isEmpty() && authority.equals(authority(settings.publicUrl()))));
    }

    /** An upload (a recording, documents): the Origin check above is what keeps other sites' forms out. */
    private static boolean multipart(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("multipart/form-data");
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    /** The host of a {@code Host} header, lower case, without its port; null when malformed. */
    public static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** {@code host[:port]} of an origin, lower case, default ports dropped; null when malformed or "null". */
    private static String authority(String origin) {
        try {
            URI uri = new URI(origin.strip());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return null;
            }
            boolean https = uri.getScheme().equalsIgnoreCase("https");
            int port = uri.getPort();
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return port == -1 || port == (https ? 443 : 80) ? host : host + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String normalized(String hostHeader, boolean https) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        String defaultPort = https ? ":443" : ":80";
        return h.endsWith(defaultPort) ? h.substring(0, h.length() - defaultPort.length()) : h;
    }

    private static Decision refuse(int status, String code, String message) {
        return new Decision.Refused(new AccessDenied(status, code, message, 0));
    }
}
