package scriptorium.agent;

/**
 * What a tool may know of the run that calls it: which run it is (the author of the notes it writes), where to
 * report the notes it wrote (the run lists them in {@code result.note_ids}) and the version of each note it
 * returned to the model (the run checks citations against those versions, PROTOCOL §7). Nothing else of the run
 * reaches a tool: not its events, not its cancellation.
 */
public interface ToolContext {

    String runId();

    void wrote(String noteId);

    /** The model was shown {@code noteId} at {@code version}: what its citations of that note refer to. */
    void read(String noteId, long version);
}
