package scriptorium.run;

/**
 * A request refused at the edge with its status and code (bad input, a feature switched off, another user's id):
 * already an answer, which {@link Failure} writes as it is. Entry points and components extend it with their own
 * name ({@code http.ApiException}, {@code capture.CaptureRefused}); thrown inside a run, it ends it with an `error`.
 */
public class Refusal extends RuntimeException {

    private final int status;
    private final String code;

    public Refusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public final int status() {
        return status;
    }

    public final String code() {
        return code;
    }
}
