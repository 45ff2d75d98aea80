package scriptorium.events;

import java.util.Map;
import scriptorium.llm.Agent;
import scriptorium.llm.Usage;

/**
 * What a run says, in order (PROTOCOL §3). Add variants; never change one. An event never numbers itself:
 * the {@link EventLog} wraps it as a {@link Sequenced} with the run's next {@code seq}. The wire format lives
 * in {@code http.EventJson} alone.
 *
 * <p>Three kinds, three writers: {@link Start} opens a run's log, {@link Terminal} ends it, both written by the
 * run core alone; every {@link Step} between them goes through an {@link Emitter}, which takes nothing else.
 */
public sealed interface RunEvent {

    record Start(String sessionId, Mode mode, String messageId) implements RunEvent {}

    /** What happens between `start` and the terminal event: the only events nodes, agents and tools can emit. */
    sealed interface Step extends RunEvent {}

    record Routed(Route route, String reason) implements Step {}

    record Processing(Route node, Phase phase) implements Step {}

    record AgentDelta(Agent agent, Agent to, String messageId, String delta) implements Step {}

    /**
     * An agent's finished message. {@code costUsd} and {@code model} are what its model calls billed: the run
     * adds them up from these events (not on the wire).
     */
    record AgentMessage(Agent agent, Agent to, String messageId, int turn, String content, Usage usage,
                        double costUsd, String model) implements Step {}

    record AgentAction(Agent agent, String action, String callId, ActionStatus status, String details,
                       Map<String, Object> metadata) implements Step {
        public AgentAction {
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * One citation of an agent's message, checked against the note at the version the run read (PROTOCOL §7).
     *
     * @param quote  the quoted text, or "" when the note is cited without a quotation
     * @param reason why it is not verified; null when {@code verified}
     */
    record Citation(Agent agent, String messageId, String noteId, String quote, boolean verified, Unverified reason)
            implements Step {
        public Citation {
            if (verified != (reason == null)) {
                throw new IllegalArgumentException("reason: required exactly when the citation is not verified");
            }
        }
    }

    record Warning(String code, String message) implements Step {
        /** A model call failed before its first token and is tried again. */
        public static final String MODEL_RETRY = "model_retry";
        /** A tool failed; the model was told and the run goes on. Listed in {@code result.errors}. */
        public static final String TOOL_FAILED = "tool_failed";
    }

    /** The last event of every run: exactly one (PROTOCOL §4.1), written by the run core alone. */
    sealed interface Terminal extends RunEvent {}

    record Completed(RunResult result) implements Terminal {}

    record Failed(String code, String message, Route node, boolean retryable) implements Terminal {}

    record Cancelled(String reason) implements Terminal {}

    enum Phase { STARTED, COMPLETED }

    enum ActionStatus { RUNNING, COMPLETED, FAILED }

    /** Why a citation does not hold (PROTOCOL §7). */
    enum Unverified { UNKNOWN_NOTE, QUOTE_NOT_FOUND, NOTE_CHANGED }
}
