package scriptorium.agent;

import java.util.Map;

/**
 * What a tool did.
 *
 * @param content  what the model reads (JSON for structured results)
 * @param details  one human sentence for {@code agent_action.details}
 * @param metadata a small summary for {@code agent_action.metadata} (counts, ids), never the whole content
 */
public record ToolOutcome(String content, String details, Map<String, Object> metadata) {
    public ToolOutcome {
        metadata = Map.copyOf(metadata);
    }
}
