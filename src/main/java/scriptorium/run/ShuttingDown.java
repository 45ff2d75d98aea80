package scriptorium.run;

/** The server is stopping: new runs are refused (503). */
public final class ShuttingDown extends RuntimeException {
    public ShuttingDown() {
        super("the server is shutting down: retry on another instance", null, false, false);
    }
}
