package scriptorium.mcp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tool as MCP clients see it: its name, the one line a model reads to choose it, its JSON schema, the hints of
 * the 2025-06-18 annotations, the scope it needs, and what it does. A handler returns its answer or throws a
 * {@link ToolRefusal} (or a {@code NoteException}); {@link McpTools} turns both into tool results.
 *
 * @param inputSchema a JSON Schema object, as text
 */
record McpTool(String name, String description, String inputSchema, Hints hints, Scope scope, Handler handler) {

    /** What the tool does, for a caller already allowed to call it. */
    @FunctionalInterface
    interface Handler {
        Answer call(Arguments arguments, Call call);
    }

    /**
     * The annotations: {@code readOnlyHint}, {@code destructiveHint}, {@code idempotentHint}. Every tool here works on
     * the caller's own archive, so none is open-world.
     */
    record Hints(boolean readOnly, boolean destructive, boolean idempotent) {
        static final Hints READS = new Hints(true, false, true);
    }

    /** Who calls, and where its progress goes. */
    record Call(McpCaller caller, Progress progress) {}

    /**
     * A successful result.
     *
     * @param text       what a model reads: the JSON of {@code structured}, or Markdown for a note
     * @param structured the same as a JSON object ({@code structuredContent})
     */
    record Answer(String text, Map<String, Object> structured) {
        Answer {
            structured = Collections.unmodifiableMap(new LinkedHashMap<>(structured)); // in the order written
        }
    }
}
