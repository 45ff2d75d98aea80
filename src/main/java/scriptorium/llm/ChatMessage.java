package scriptorium.llm;

import java.util.List;

/** The conversation a model is given, after its system prompt. Adapters map each variant to their wire format. */
public sealed interface ChatMessage {

    /** The user's words. */
    record User(String text) implements ChatMessage {}

    /** What this agent said before, with the tools it asked for in that message. */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            toolCalls = List.copyOf(toolCalls);
        }

        public Assistant(String text) {
            this(text, List.of());
        }
    }

    /** What the other agent said in a discussion (providers see it as a user turn naming the speaker). */
    record Peer(Agent agent, String text) implements ChatMessage {}

    /** The result of a tool this agent called. */
    record ToolResult(String callId, String tool, String content, boolean failed) implements ChatMessage {}
}
