package scriptorium.orchestrator;

import org.slf4j.MDC;
import scriptorium.agent.AgentRun;
import scriptorium.agent.Answer;
import scriptorium.events.Route;
import scriptorium.events.RunEvent.Phase;
import scriptorium.events.RunEvent.Processing;

/**
 * Runs a node between its `processing started` and `processing completed` events (PROTOCOL §4.2), so that
 * no node can forget them. A node that throws ends the run with `error` naming it: the run core reads the node
 * from the last `processing started` it saw.
 */
final class NodeRunner {

    Answer run(AgentRun run, Route node, Node work) {
        try (var ignored = MDC.putCloseable("node", node.id())) {
            run.emit(new Processing(node, Phase.STARTED));
            Answer answer = work.run(run);
            run.emit(new Processing(node, Phase.COMPLETED));
            return answer;
        }
    }
}
