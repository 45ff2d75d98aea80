package scriptorium.access;

/** What the gate says of a request: go on (as someone, or as nobody on an open route), or a refusal. */
public sealed interface Decision {

    /** The request goes on as {@code caller}. */
    record Allowed(Caller caller) implements Decision {}

    /** An open route (sign-in, setup, {@code /health}) reached without credentials, or a static file. */
    record Anonymous() implements Decision {}

    /** Refused before any route runs. */
    record Refused(AccessDenied reason) implements Decision {}
}
