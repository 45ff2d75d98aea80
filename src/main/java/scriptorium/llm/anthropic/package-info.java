/**
 * Claude through Anthropic's Messages API: the request body with its prompt-cache breakpoints, the streamed events
 * read into text deltas, tool calls and usage, and error classification. Speaks the wire format through
 * {@link scriptorium.llm.stream} (see {@link scriptorium.llm.anthropic.AnthropicModel} for why not LangChain4j's
 * client). Must not import anything of ours outside {@code scriptorium.llm}, {@code scriptorium.config} and
 * {@code scriptorium.json}.
 */
package scriptorium.llm.anthropic;
