package scriptorium.store;

import java.time.Instant;
import java.util.List;

/**
 * One revision of a note: what it was after one change. Revision {@code n} is the note at version {@code n}.
 *
 * @param author      {@code user}, {@code plume}, {@code import}, or {@code unknown} for a note older than history
 * @param runId       the run whose agent made the change, or null
 * @param content     the whole content at this revision; null in a listing (rebuilt only when asked for)
 * @param storedBytes what this revision costs in the database (its deflated snapshot or patch)
 */
public record NoteRevision(String noteId, long number, Instant at, String author, String runId, String summary,
                           String title, List<String> tags, String content, long storedBytes) {

    public NoteRevision {
        tags = List.copyOf(tags);
    }
}
