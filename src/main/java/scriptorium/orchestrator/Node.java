package scriptorium.orchestrator;

import scriptorium.agent.Answer;
import scriptorium.run.RunContext;

/** The work of one node (plume, mimir, discussion). It never emits `processing`: {@link NodeRunner} does. */
@FunctionalInterface
interface Node {
    Answer run(RunContext run);
}
