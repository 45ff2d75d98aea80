package scriptorium.events;

/**
 * Where nodes, agents and tools say what happens in a run. It takes {@link RunEvent.Step}s only: `start` and the
 * terminal event cannot be emitted from here, so no node can end a run twice or forget to end it.
 *
 * <p>Called on the run's own thread. Throws {@link RunCancelled} once the run was cancelled, and
 * {@link EventLogFull} when the run outgrew its event budget: either unwinds the run to the run core.
 */
@FunctionalInterface
public interface Emitter {
    void emit(RunEvent.Step step);
}
