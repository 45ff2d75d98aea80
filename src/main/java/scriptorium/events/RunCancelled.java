package scriptorium.events;

/** Thrown in a run's thread once the run was cancelled: unwinds it to {@link RunExecutor}, which writes `cancelled`. */
public final class RunCancelled extends RuntimeException {
    public RunCancelled(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
