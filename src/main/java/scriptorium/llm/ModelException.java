package scriptorium.llm;

import java.time.Duration;
import java.util.Optional;

/** A model call that failed, classified once, in the adapter that saw the failure. */
public final class ModelException extends RuntimeException {

    private final Kind kind;
    private final Duration retryAfter;

    public ModelException(Kind kind, String message) {
        super(message);
        this.kind = kind;
        this.retryAfter = null;
    }

    public ModelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = null;
    }

    /** A failure the provider said to retry after {@code retryAfter} (its {@code retry-after} header). */
    public ModelException(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the provider asked us to wait before trying again, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Why a call failed; {@link #code()} is the `error.code` clients see (PROTOCOL §3). {@link #retryable()} means one
     * thing everywhere: the same call may succeed if sent again. {@code RetryingModel} retries exactly those kinds
     * (before any text reached the user), and an `error` event says {@code retryable} for exactly those.
     */
    public enum Kind {
        RATE_LIMITED("rate_limited", true),
        OVERLOADED("model_overloaded", true),
        UNAVAILABLE("model_unavailable", true),
        TIMEOUT("timeout", true),
        AUTH("auth_failed", false),
        BAD_REQUEST("bad_request", false),
        /** The stream broke after text had reached the user: the run ends (the user may send it again). */
        BROKEN_STREAM("model_unavailable", true),
        CANCELLED("cancelled", false),
        UNEXPECTED("model_error", false);

        private final String code;
        private final boolean retryable;

        Kind(String code, boolean retryable) {
            this.code = code;
            this.retryable = retryable;
        }

        public String code() {
            return code;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
