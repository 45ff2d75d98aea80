/**
 * OpenAI's chat completions API and the servers that speak it (Ollama, llama.cpp, vLLM): the request body, the
 * streamed chunks read into text deltas, tool calls and usage, and error classification. Must not import anything
 * outside {@code scriptorium.llm} and {@code scriptorium.config}.
 */
package scriptorium.llm.openai;
