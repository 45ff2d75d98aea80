package scriptorium.agent;

import java.util.List;
import scriptorium.events.Mode;

/**
 * What a run was asked, as the orchestrator and the agents read it.
 *
 * @param history    the conversation's earlier questions and answers, oldest first
 * @param contextIds the notes the request named as context (PROTOCOL §1 {@code context_ids})
 * @param owner      the user the run belongs to: their conversation, their notes
 */
public record RunInput(String message, Mode mode, List<PastMessage> history, List<String> contextIds, String owner) {
    public RunInput {
        history = List.copyOf(history);
        contextIds = List.copyOf(contextIds);
    }
}
