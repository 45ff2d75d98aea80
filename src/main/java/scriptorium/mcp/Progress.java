package scriptorium.mcp;

/**
 * Where a long tool call reports how far it is: MCP {@code notifications/progress} when the client sent a
 * {@code progressToken}, nowhere otherwise. Called on the tool call's own thread.
 */
@FunctionalInterface
interface Progress {

    Progress NONE = (step, message) -> { };

    /** @param step increases with each report (the run's {@code seq}); there is no known total */
    void report(long step, String message);
}
