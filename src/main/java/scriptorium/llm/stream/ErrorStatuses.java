package scriptorium.llm.stream;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;

/** The HTTP status table both providers follow, and their {@code retry-after} header. */
public final class ErrorStatuses {

    private ErrorStatuses() {}

    /** What an HTTP status means for us; a provider may refine it with the error type in the body. */
    public static Kind kind(int status) {
        return switch (status) {
            case 401, 403 -> Kind.AUTH;
            case 429 -> Kind.RATE_LIMITED;
            case 529 -> Kind.OVERLOADED; // Anthropic's "overloaded_error"
            case 408 -> Kind.TIMEOUT;
            case 400, 404, 409, 413, 415, 422 -> Kind.BAD_REQUEST;
            default -> status >= 500 && status <= 599 ? Kind.UNAVAILABLE : Kind.UNEXPECTED;
        };
    }

    /**
     * Builds the exception for an error answer. Auth failures say which variable to check, never the key.
     *
     * @param detail the provider's own error type and message, when its body had them
     */
    public static ModelException exception(String provider, EventStream.Head head, Kind kind, String detail,
                                           String keyVariable) {
        String what = provider + " answered " + head.status() + (detail.isEmpty() ? "" : " (" + detail + ")");
        return switch (kind) {
            case AUTH -> new ModelException(kind, provider + " rejected the API key (" + head.status()
                    + "): check " + keyVariable);
            case RATE_LIMITED, OVERLOADED, UNAVAILABLE -> retryAfter(head.headers())
                    .map(delay -> new ModelException(kind, what, delay))
                    .orElseGet(() -> new ModelException(kind, what));
            case TIMEOUT, BAD_REQUEST, BROKEN_STREAM, CANCELLED, UNEXPECTED -> new ModelException(kind, what);
        };
    }

    /** The {@code retry-after} header: seconds (possibly fractional) or an HTTP date. */
    public static Optional<Duration> retryAfter(Headers headers) {
        return headers.first("retry-after").flatMap(ErrorStatuses::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(Instant.now(), at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException notADate) {
                return Optional.empty(); // an unreadable hint: our own backoff applies
            }
        }
    }
}
