/**
 * Reading a provider's streaming HTTP response as Server-Sent Events with deadlines and prompt cancellation,
 * and the status and {@code retry-after} rules both adapters share. OkHttp, read on the caller's thread; no
 * LangChain4j here.
 */
package scriptorium.llm.stream;
