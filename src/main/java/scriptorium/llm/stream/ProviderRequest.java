package scriptorium.llm.stream;

/**
 * One request as it goes on the wire, head and body in one array: written with one call, and written again
 * unchanged when a pooled connection turns out to have been closed by the server.
 */
public record ProviderRequest(Endpoint.Origin origin, byte[] bytes) {}
