package scriptorium.orchestrator;

import scriptorium.agent.AgentRun;
import scriptorium.agent.Answer;

/**
 * What a run does between its `start` and its terminal event. Runs on the run's own virtual thread and speaks
 * through {@link AgentRun#emit}, which takes steps only; may throw anything: the run core turns every outcome
 * into exactly one terminal event.
 */
@FunctionalInterface
public interface Workflow {
    Answer run(AgentRun run);
}
