package scriptorium.agent;

/**
 * What a tool may know of the run that calls it: where to report the notes it wrote (the run lists them in
 * {@code result.note_ids}). Nothing else of the run reaches a tool: not its events, not its cancellation.
 */
@FunctionalInterface
public interface ToolContext {
    void wrote(String noteId);
}
