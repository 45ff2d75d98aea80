package scriptorium.orchestrator;

import scriptorium.agent.AgentRun;
import scriptorium.agent.Answer;

/** The work of one node (plume, mimir, discussion). It never emits `processing`: {@link NodeRunner} does. */
@FunctionalInterface
interface Node {
    Answer run(AgentRun run);
}
