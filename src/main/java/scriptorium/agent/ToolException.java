package scriptorium.agent;

/** A tool could not do what was asked; the message is shown to the user and given to the model. */
public final class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
