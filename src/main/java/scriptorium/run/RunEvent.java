package scriptorium.run;

import java.util.Map;
import scriptorium.llm.Usage;

/**
 * What a run says, in order (PROTOCOL §3). Add variants; never change one. An event never numbers
 * itself: {@link EventLog#append} wraps it as a {@link Sequenced} with the run's next {@code seq}.
 * The wire format lives in {@code http.EventJson} alone.
 */
public sealed interface RunEvent {

    record Start(String sessionId, Mode mode, String messageId) implements RunEvent {}

    record Routed(Route route, String reason) implements RunEvent {}

    record Processing(Route node, Phase phase) implements RunEvent {}

    record AgentDelta(Agent agent, Agent to, String messageId, String delta) implements RunEvent {}

    record AgentMessage(Agent agent, Agent to, String messageId, int turn, String content, Usage usage)
            implements RunEvent {}

    record AgentAction(Agent agent, String action, String callId, ActionStatus status, String details,
                       Map<String, Object> metadata) implements RunEvent {
        public AgentAction {
            metadata = Map.copyOf(metadata);
        }
    }

    record Warning(String code, String message) implements RunEvent {
        /** A model call failed before its first token and is tried again. */
        public static final String MODEL_RETRY = "model_retry";
        /** A tool failed; the model was told and the run goes on. */
        public static final String TOOL_FAILED = "tool_failed";
    }

    /** The last event of every run: exactly one, written by {@link RunExecutor} alone (PROTOCOL §4.1). */
    sealed interface Terminal extends RunEvent {}

    record Completed(RunResult result) implements Terminal {}

    record Failed(String code, String message, Route node, boolean retryable) implements Terminal {}

    record Cancelled(String reason) implements Terminal {}

    enum Phase { STARTED, COMPLETED }

    enum ActionStatus { RUNNING, COMPLETED, FAILED }
}
