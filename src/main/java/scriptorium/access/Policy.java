package scriptorium.access;

import java.util.Map;

/**
 * What each route needs, by method and route template. A route not listed needs {@code READ} for a GET and
 * {@code WRITE} for anything else: a new route is never open by mistake (the route-walking test prints every one).
 */
public final class Policy {

    private static final Map<String, Need> EXPLICIT = Map.ofEntries(
            Map.entry("GET /health", Need.OPEN),
            Map.entry("GET /.well-known/oauth-protected-resource", Need.OPEN),
            Map.entry("GET /metrics", Need.METRICS),
            Map.entry("POST /api/v1/session", Need.OPEN),
            Map.entry("POST /api/v1/setup", Need.OPEN),
            Map.entry("DELETE /api/v1/session", Need.SESSION),
            Map.entry("POST /api/v1/tokens", Need.SESSION),
            Map.entry("GET /api/v1/tokens", Need.SESSION),
            Map.entry("DELETE /api/v1/tokens/{id}", Need.SESSION),
            Map.entry("POST /api/v1/users", Need.ADMIN),
            Map.entry("GET /api/v1/users", Need.ADMIN),
            Map.entry("DELETE /api/v1/users/{id}", Need.ADMIN),
            Map.entry("POST /api/v1/chat/orchestrated/stream", Need.CHAT),
            Map.entry("POST /api/v1/chat/orchestrated", Need.CHAT),
            Map.entry("POST /api/v1/runs/{id}/cancel", Need.CHAT),
            Map.entry("POST /api/v1/capture/audio", Need.CHAT),
            Map.entry("POST /mcp", Need.SIGNED_IN),
            Map.entry("GET /mcp", Need.SIGNED_IN),
            Map.entry("DELETE /mcp", Need.SIGNED_IN));

    /** Routes that start a run: the per-user limits apply before them. */
    private static final java.util.Set<String> STARTS_RUN = java.util.Set.of(
            "POST /api/v1/chat/orchestrated/stream", "POST /api/v1/chat/orchestrated", "POST /api/v1/capture/audio");

    /** Routes that take files (multipart/form-data) rather than JSON. */
    private static final java.util.Set<String> UPLOADS = java.util.Set.of(
            "POST /api/v1/capture/audio", "POST /api/v1/capture/document");

    private Policy() {}

    static boolean takesUploads(String method, String template) {
        return UPLOADS.contains(method + " " + template);
    }

    public static Need of(String method, String template) {
        Need need = EXPLICIT.get(method + " " + template);
        if (need != null) {
            return need;
        }
        return method.equals("GET") || method.equals("HEAD") ? Need.READ : Need.WRITE;
    }

    static boolean startsRun(String method, String template) {
        return STARTS_RUN.contains(method + " " + template);
    }
}
