package scriptorium.agent;

import java.util.function.Supplier;
import scriptorium.events.Emitter;

/**
 * A run as the orchestrator and the agents see it: what was asked, where to say what happens (steps only: the
 * run core writes `start` and the terminal event), and how a model call is made cancellable.
 *
 * <p>Confined to the run's thread. {@link #emit} throws {@code RunCancelled} once the run was cancelled.
 */
public interface AgentRun extends Emitter {

    RunInput input();

    /** Runs {@code modelCall} so that cancelling the run interrupts it; throws {@code RunCancelled} if it was. */
    <T> T interruptibly(Supplier<T> modelCall);

    /** The narrow view the run's tools get. */
    ToolContext tools();
}
