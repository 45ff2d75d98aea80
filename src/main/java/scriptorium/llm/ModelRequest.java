package scriptorium.llm;

import java.util.List;

/**
 * Everything one model call needs.
 *
 * @param agent       who speaks (Plume or Mimir): adapters pick the model and settings by it
 * @param task        why: the Offline model behaves by it, providers only see it through the prompt
 * @param userMessage the user's message this run answers, as typed
 * @param conversationReadAgain whether a later call will start with this call's whole conversation (the speaker's
 *                    next discussion turn, the next message of the conversation): providers with a prompt
 *                    cache mark it for caching only then, since writing a cache costs more than reading input
 */
public record ModelRequest(
        Agent agent,
        Task task,
        String system,
        List<ChatMessage> messages,
        List<ToolSpec> tools,
        String userMessage,
        boolean conversationReadAgain) {

    public ModelRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    /** A request whose conversation is read again by a later call (the usual case). */
    public ModelRequest(Agent agent, Task task, String system, List<ChatMessage> messages, List<ToolSpec> tools,
                        String userMessage) {
        this(agent, task, system, messages, tools, userMessage, true);
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
