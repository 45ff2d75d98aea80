package scriptorium.mcp;

/**
 * A tool call refused with a sentence its client can act on ("limit: must be 1..50, got 500"): answered as a tool
 * result with {@code isError: true}, never as a protocol error.
 */
final class ToolRefusal extends RuntimeException {
    ToolRefusal(String message) {
        super(message, null, false, false);
    }
}
