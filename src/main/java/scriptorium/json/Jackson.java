package scriptorium.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one {@link ObjectMapper} of the server: thread-safe, configured once.
 *
 * <p>Why not {@code new ObjectMapper()} where needed: Jackson recycles its parsing and writing buffers (about
 * 24 KiB) per thread by default, and every run and every stream here has a virtual thread of its own, so each
 * one would allocate and keep its own set. A shared pool keeps a few sets for the whole server.
 */
public final class Jackson {

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .build());

    private Jackson() {}
}
