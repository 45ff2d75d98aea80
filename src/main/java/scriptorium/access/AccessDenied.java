package scriptorium.access;

/**
 * A request the access layer refuses (PROTOCOL §8): HTTP status, a stable code, a sentence naming the field or the
 * reason, and for a 429 how many seconds to wait ({@code Retry-After}; 0 otherwise).
 */
public final class AccessDenied extends RuntimeException {

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public AccessDenied(int status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static AccessDenied badField(String field, String rule) {
        return new AccessDenied(400, "invalid_field", field + ": " + rule, 0);
    }

    static AccessDenied notFound(String what) {
        return new AccessDenied(404, "not_found", what + ": unknown", 0);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
