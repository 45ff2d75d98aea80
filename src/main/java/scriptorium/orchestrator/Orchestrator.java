package scriptorium.orchestrator;

import scriptorium.agent.AgentRun;
import scriptorium.agent.Answer;
import scriptorium.agent.Team;
import scriptorium.events.RunEvent;
import scriptorium.llm.Agent;

/** Routes the run's message and runs the node it goes to; the run core builds `complete.result` around its answer. */
public final class Orchestrator implements Workflow {

    private final Router router;
    private final Team team;
    private final NodeRunner nodes = new NodeRunner();

    public Orchestrator(Router router, Team team) {
        this.router = router;
        this.team = team;
    }

    @Override
    public Answer run(AgentRun run) {
        Routing routing = router.route(run.input().message(), run.input().mode());
        run.emit(new RunEvent.Routed(routing.route(), routing.reason()));
        return nodes.run(run, routing.route(), switch (routing.route()) {
            case PLUME -> r -> team.solo(r, Agent.PLUME);
            case MIMIR -> r -> team.solo(r, Agent.MIMIR);
            case DISCUSSION -> team::discuss;
        });
    }
}
