package scriptorium.events;

import java.time.Instant;
import java.util.List;
import scriptorium.llm.Agent;
import scriptorium.llm.Usage;

/** What a successful run produced: {@code complete.result} (PROTOCOL §3). */
public record RunResult(
        String response,
        Route agentUsed,
        List<Agent> agentsInvolved,
        List<Turn> discussionHistory,
        String sessionId,
        String runId,
        List<String> noteIds,
        long processingTimeMs,
        Usage usage,
        double costUsd,
        String model,
        List<String> errors,
        List<String> warnings,
        List<RunEvent.Citation> citations) {

    public RunResult {
        agentsInvolved = List.copyOf(agentsInvolved);
        discussionHistory = List.copyOf(discussionHistory);
        noteIds = List.copyOf(noteIds);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        citations = List.copyOf(citations);
    }

    public long tokensUsed() {
        return usage.total();
    }

    /** One message of a discussion, as {@code discussion_history} lists it. */
    public record Turn(Agent agent, Agent to, String message, Instant timestamp) {}
}
