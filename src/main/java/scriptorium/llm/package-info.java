/**
 * Models: the {@link scriptorium.llm.ChatModel} interface every provider implements, its data, and the
 * adapters beneath it. The only package that may import LangChain4j's chat classes or a provider's wire format.
 */
package scriptorium.llm;
