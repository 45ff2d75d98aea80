package scriptorium.run;

import scriptorium.events.EventLogFull;
import scriptorium.events.EventLogUnavailable;
import scriptorium.events.Route;
import scriptorium.events.RunCancelled;
import scriptorium.events.RunEvent;
import scriptorium.knowledge.NoteException;
import scriptorium.llm.ModelException;
import scriptorium.store.StoreException;

/**
 * What went wrong, as clients see it: the one mapping from an exception to an HTTP answer ({@code status},
 * {@code {"error":{"code","message"}}}) and to a run's `error` event ({@code code}, {@code retryable}).
 *
 * @param retryable the same request may succeed if sent again later (PROTOCOL §3 {@code error.retryable});
 *                  the meaning {@link ModelException.Kind#retryable()} has too
 * @param expected  a failure of the world (a provider, the database, bad input), not a bug of ours
 */
public record Failure(int status, String code, String message, boolean retryable, boolean expected) {

    public static Failure of(Throwable failure) {
        return switch (failure) {
            case Refusal r -> new Failure(r.status(), r.code(), r.getMessage(), false, true);
            case ModelException e -> new Failure(status(e.kind()), e.kind().code(), e.getMessage(),
                    e.kind().retryable(), true);
            case StoreException e -> new Failure(503, "store_unavailable",
                    "The database is unavailable; nothing was lost before this. Try again in a moment.", true, true);
            case EventLogFull e -> new Failure(503, "event_log_full", e.getMessage(), false, true);
            case EventLogUnavailable e -> new Failure(503, "event_log_unavailable", e.getMessage(), true, true);
            case ShuttingDown e -> new Failure(503, "shutting_down", e.getMessage(), true, true);
            case RunCancelled e -> new Failure(409, "cancelled", e.reason(), false, true);
            case NoteException e -> refused(e);
            default -> new Failure(500, "internal", "An internal error stopped this (" + failure.getClass().getSimpleName()
                    + "). The server log has the details.", false, false);
        };
    }

    /** The terminal event of a run that threw {@code failure} in {@code node} (null: before routing). */
    public static RunEvent.Terminal terminal(Throwable failure, Route node) {
        if (failure instanceof RunCancelled cancelled) {
            return new RunEvent.Cancelled(cancelled.reason());
        }
        Failure f = of(failure);
        return new RunEvent.Failed(f.code(), f.message(), node, f.retryable());
    }

    /** The HTTP answer to a run that ended with {@code end} (the non-streaming endpoint); 200 for `complete`. */
    public static Failure of(RunEvent.Terminal end) {
        return switch (end) {
            case RunEvent.Completed c -> new Failure(200, "complete", "", false, true);
            case RunEvent.Failed f -> new Failure(f.retryable() ? 503 : 500, f.code(), f.message(), f.retryable(), true);
            case RunEvent.Cancelled c -> new Failure(409, "cancelled", c.reason(), false, true);
        };
    }

    /** A request the HTTP server refused by its status alone (a malformed URI, no such route, a body too large). */
    public static Failure ofStatus(int status, String message) {
        String code = switch (status) {
            case 400 -> "bad_request";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> "http_" + status;
        };
        return new Failure(status, code, message, false, true);
    }

    private static Failure refused(NoteException e) {
        return switch (e) {
            case NoteException.Invalid invalid -> new Failure(400, "invalid_field", e.getMessage(), false, true);
            case NoteException.TooLarge tooLarge -> new Failure(413, "content_too_large", e.getMessage(), false, true);
            case NoteException.NotFound notFound -> new Failure(404, "not_found", e.getMessage(), false, true);
            case NoteException.Conflict conflict -> new Failure(409, "version_conflict", e.getMessage(), false, true);
            case NoteException.FileChanged changed -> new Failure(409, "vault_file_changed", e.getMessage(), false, true);
        };
    }

    private static int status(ModelException.Kind kind) {
        return switch (kind) {
            case RATE_LIMITED -> 429;
            case OVERLOADED, UNAVAILABLE, BROKEN_STREAM -> 503;
            case TIMEOUT -> 504;
            case AUTH, BAD_REQUEST, UNEXPECTED -> 502;
            case CANCELLED -> 409;
        };
    }
}
