/**
 * OpenAI's chat completions API and the servers that speak it (Ollama, llama.cpp, vLLM): the request body, the
 * streamed chunks read into text deltas, tool calls and usage, and error classification. Must not import anything
 * of ours outside {@code scriptorium.llm}, {@code scriptorium.config} and {@code scriptorium.json}.
 */
package scriptorium.llm.openai;
