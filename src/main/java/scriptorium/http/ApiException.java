package scriptorium.http;

import scriptorium.run.Refusal;

/** A request we refuse, answered as {@code {"error": {"code", "message"}}} with {@code status}, before any stream byte. */
public final class ApiException extends Refusal {

    public ApiException(int status, String code, String message) {
        super(status, code, message);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }
}
