package scriptorium.agent;

/**
 * What a tool may know of the run that calls it: whose archive it works in, which run it is (the author of the
 * notes it writes), where to report the notes it wrote (the run lists them in {@code result.note_ids}) and the
 * version of each note it returned to the model (the run checks citations against those versions, PROTOCOL §7).
 * Nothing else of the run reaches a tool: not its events, not its cancellation, not another user's notes,
 * whatever a message or a note asks.
 */
public interface ToolContext {

    /** The user the run belongs to: the only archive the tool may read or write. */
    String owner();

    String runId();

    void wrote(String noteId);

    /** The model was shown {@code noteId} at {@code version}: what its citations of that note refer to. */
    void read(String noteId, long version);
}
