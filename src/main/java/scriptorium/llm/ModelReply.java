package scriptorium.llm;

import java.util.List;

/**
 * A finished model call: its whole text (the concatenation of its {@link ModelEvent.TextDelta}s),
 * the tools it asks to call (empty when it answered), what the provider billed and what that costs.
 *
 * @param model the model that answered, as {@code complete.result.model} names it ({@code anthropic/...}, {@code offline})
 */
public record ModelReply(String text, List<ToolCall> toolCalls, Usage usage, double costUsd, String model) {
    public ModelReply {
        toolCalls = List.copyOf(toolCalls);
    }

    public boolean wantsTools() {
        return !toolCalls.isEmpty();
    }
}
