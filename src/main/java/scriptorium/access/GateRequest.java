package scriptorium.access;

/**
 * What the gate reads of an HTTP request, taken from it by the server's adapter. Header values are null when absent.
 *
 * @param template      the matched route's template ({@code /api/v1/notes/{id}}), or null for a static file or no route
 * @param hasBody       the request carries a body (a {@code Content-Length} above 0, or chunked)
 * @param sessionCookie the {@code scriptorium_session} cookie's value
 * @param client        the client's address (for throttling and audit lines)
 */
public record GateRequest(String method, String template, String host, String origin, String secFetchSite,
                          String contentType, boolean hasBody, String authorization, String sessionCookie,
                          String client) {

    boolean changesState() {
        return switch (method) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }
}
