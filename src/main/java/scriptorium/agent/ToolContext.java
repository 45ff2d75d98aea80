package scriptorium.agent;

/**
 * What a tool may know of the run that calls it: whose archive it works in, and where to report the notes it wrote
 * (the run lists them in {@code result.note_ids}). Nothing else of the run reaches a tool: not its events, not its
 * cancellation, not another user's notes, whatever a message or a note asks.
 */
public interface ToolContext {

    /** The user the run belongs to: the only archive the tool may read or write. */
    String owner();

    void wrote(String noteId);
}
