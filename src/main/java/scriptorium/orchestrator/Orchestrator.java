package scriptorium.orchestrator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import scriptorium.agent.Answer;
import scriptorium.agent.Team;
import scriptorium.run.Agent;
import scriptorium.run.RunContext;
import scriptorium.run.RunEvent;
import scriptorium.run.RunResult;
import scriptorium.run.Workflow;

/** Routes the run's message, runs the node it goes to, and builds `complete.result` from what it did. */
public final class Orchestrator implements Workflow {

    private final Router router;
    private final Team team;
    private final NodeRunner nodes = new NodeRunner();

    public Orchestrator(Router router, Team team) {
        this.router = router;
        this.team = team;
    }

    @Override
    public RunResult run(RunContext run) {
        Routing routing = router.route(run.request().message(), run.request().mode());
        run.emit(new RunEvent.Routed(routing.route(), routing.reason()));
        Answer answer = nodes.run(run, routing.route(), switch (routing.route()) {
            case PLUME -> r -> team.solo(r, Agent.PLUME);
            case MIMIR -> r -> team.solo(r, Agent.MIMIR);
            case DISCUSSION -> team::discuss;
        });
        long elapsed = Duration.between(run.startedAt(), Instant.now()).toMillis();
        return new RunResult(answer.response(), routing.route(), answer.agentsInvolved(), answer.turns(),
                run.sessionId(), run.runId(), run.noteIds(), elapsed, run.usage(), run.costUsd(), run.model(),
                List.of(), run.warnings());
    }
}
