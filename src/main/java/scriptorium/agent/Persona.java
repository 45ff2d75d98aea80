package scriptorium.agent;

import java.util.List;
import scriptorium.llm.ToolSpec;
import scriptorium.llm.Agent;

/** An agent as the tool loop uses it: who it is and what it can do. Its prompts live in {@link Prompts}. */
public record Persona(Agent agent, List<Tool> tools) {
    public Persona {
        if (agent == Agent.USER) {
            throw new IllegalArgumentException("agent: a persona is plume or mimir");
        }
        tools = List.copyOf(tools);
    }

    List<ToolSpec> toolSpecs() {
        return tools.stream().map(Tool::spec).toList();
    }
}
