/**
 * Claude through Anthropic's Messages API: the request body with its prompt-cache breakpoints, the streamed events
 * read into text deltas, tool calls and usage, and error classification. Speaks the wire format with the JDK HTTP
 * client (see {@link scriptorium.llm.anthropic.AnthropicModel} for why not LangChain4j's client). Must not import
 * anything outside {@code scriptorium.llm} and {@code scriptorium.config}.
 */
package scriptorium.llm.anthropic;
