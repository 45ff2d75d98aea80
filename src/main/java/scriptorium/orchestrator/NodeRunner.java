package scriptorium.orchestrator;

import org.slf4j.MDC;
import scriptorium.agent.Answer;
import scriptorium.run.Route;
import scriptorium.run.RunContext;
import scriptorium.run.RunEvent.Phase;
import scriptorium.run.RunEvent.Processing;

/**
 * Runs a node between its `processing started` and `processing completed` events (PROTOCOL §4.2), so that
 * no node can forget them. A node that throws ends the run with `error` naming it (RunExecutor writes it).
 */
final class NodeRunner {

    Answer run(RunContext run, Route node, Node work) {
        try (var ignored = MDC.putCloseable("node", node.id())) {
            run.enter(node);
            run.emit(new Processing(node, Phase.STARTED));
            Answer answer = work.run(run);
            run.emit(new Processing(node, Phase.COMPLETED));
            return answer;
        }
    }
}
