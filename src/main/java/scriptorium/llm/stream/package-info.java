/**
 * Reading a provider's streaming HTTP response as Server-Sent Events with deadlines and prompt cancellation,
 * and the status and {@code retry-after} rules both adapters share. Our own HTTP/1.1 client over blocking
 * sockets, read on the caller's thread; no OkHttp, no LangChain4j here.
 */
package scriptorium.llm.stream;
