package scriptorium.http;

import scriptorium.run.Refusal;

/** A request we refuse, answered as {@code {"error": {"code", "message"}}} with {@code status}, before any stream byte. */
public final class ApiException extends RuntimeException implements Refusal {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String code() {
        return code;
    }
}
