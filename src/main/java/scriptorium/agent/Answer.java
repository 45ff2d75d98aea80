package scriptorium.agent;

import java.util.List;
import scriptorium.llm.Agent;
import scriptorium.events.RunResult.Turn;

/** What a node produced: the answer shown to the user, who worked on it, and a discussion's turns. */
public record Answer(String response, List<Agent> agentsInvolved, List<Turn> turns) {
    public Answer {
        agentsInvolved = List.copyOf(agentsInvolved);
        turns = List.copyOf(turns);
    }
}
