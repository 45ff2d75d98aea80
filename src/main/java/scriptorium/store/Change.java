package scriptorium.store;

/**
 * Who changes a note and how, as its history records it.
 *
 * @param author  {@code USER}, {@code PLUME} (an agent, in run {@code runId}) or {@code IMPORT}
 * @param runId   the run whose agent made the change, or null
 * @param summary what the change was, in a few words ("created", "edited", "restored revision 3")
 */
public record Change(Note.Source author, String runId, String summary) {

    public Change {
        if (author == null || summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("author and summary: required");
        }
    }

    public static Change by(Note.Source author, String summary) {
        return new Change(author, null, summary);
    }

    public static Change byAgent(Note.Source agent, String runId, String summary) {
        return new Change(agent, runId, summary);
    }

    public Change summarised(String other) {
        return new Change(author, runId, other);
    }
}
