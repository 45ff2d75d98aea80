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

    /**
     * Starts a bulk load (an import): notes put through it are indexed as {@link #put} indexes them, but searchable
     * only once it is closed (or sooner, when another write makes them so), all at once. The index then writes them
     * as a few large pieces rather than one per batch. Close it even when the load fails: what was put stays.
     */
    Bulk bulk();

    /** A bulk load ({@link SearchIndex#bulk}). One thread at a time puts; close waits for nothing else. */
    interface Bulk extends AutoCloseable {

        /** Adds the notes or replaces their previous versions; searchable once the bulk is closed. */
        void put(List<Note> notes);

        /** Makes every note put searchable; a second call does nothing. */
        @Override
        void close();
    }

    void remove(String noteId);

    /** Removes every note of {@code owner} (a deleted user). */
    void removeOwner(String owner);

    /**
     * The best {@code limit} notes of {@code owner} for a free-text query, best first; empty when nothing is close
     * enough. Another owner's notes are filtered inside the query, never after it: whatever the query, they are
     * neither returned nor able to crowd the owner's notes out of the top {@code limit}.
     */
    List<SearchHit> search(String owner, String query, int limit);

    /** Notes of {@code note}'s owner close to it in words or meaning, best first, {@code note} itself excluded. */
    List<SearchHit> related(Note note, int limit);

    /** How many notes are searchable. */
    int size();

    @Override
    void close();
}
