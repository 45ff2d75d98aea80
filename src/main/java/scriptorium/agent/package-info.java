/**
 * The agents: personas, their prompts (resources under {@code prompts/}), the tool loop that streams a message
 * and runs tools, and the discussion. Speaks to models through {@link scriptorium.llm.ChatModel} only.
 */
package scriptorium.agent;
