/**
 * The agents: personas, their prompts (resources under {@code prompts/}), the tool loop that streams a message
 * and runs tools, the discussion, and the archive tools. Agents see a run as an {@link scriptorium.agent.AgentRun}
 * (steps only: never `start` nor a terminal event); tools see even less, a {@link scriptorium.agent.ToolContext}.
 * Speaks to models through {@link scriptorium.llm.ChatModel} only.
 */
package scriptorium.agent;
