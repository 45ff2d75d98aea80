package scriptorium.llm;

import java.util.List;

/**
 * Everything one model call needs.
 *
 * @param agent       who speaks ({@code plume} or {@code mimir}): adapters pick the model and settings by it
 * @param task        why: the Offline model behaves by it, providers only see it through the prompt
 * @param userMessage the user's message this run answers, as typed
 */
public record ModelRequest(
        String agent,
        Task task,
        String system,
        List<ChatMessage> messages,
        List<ToolSpec> tools,
        String userMessage) {

    public ModelRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    /** What the agent is asked to do in this call. */
    public enum Task {
        /** Answer the user directly. */
        ANSWER,
        /** Take a turn in a discussion with the other agent. */
        DISCUSS,
        /** Write the discussion's final answer to the user. */
        SYNTHESIZE
    }
}
