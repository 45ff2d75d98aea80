package scriptorium.knowledge;

import java.util.List;
import scriptorium.store.Note;

/**
 * Finds notes by words and by meaning. A cache of the database, never the source of truth: an implementation
 * rebuilds what it lacks from the store when it opens.
 *
 * <p>Thread-safe. Writes are visible to the next search when {@link #put} or {@link #remove} returns. Blocks
 * while it embeds text and touches its files; throws {@link SearchIndexException} when its files fail.
 */
public interface SearchIndex extends AutoCloseable {

    /** Adds the notes or replaces their previous versions. */
    void put(List<Note> notes);

    void remove(String noteId);

    /** The best {@code limit} notes for a free-text query, best first; empty when nothing is close enough. */
    List<SearchHit> search(String query, int limit);

    /** Notes close to {@code note} in words or meaning, best first, {@code note} itself excluded. */
    List<SearchHit> related(Note note, int limit);

    /** How many notes are searchable. */
    int size();

    @Override
    void close();
}
