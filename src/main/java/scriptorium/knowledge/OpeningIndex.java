package scriptorium.knowledge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import scriptorium.store.Note;

/**
 * The search index while it opens on another thread (issue 16): the notes' service is wired, and the server listens,
 * before Lucene has opened and caught up with the notes table; each call waits for the opening, then hands on. An
 * opening that failed fails each call with its cause (the start fails with it too). Closing is the opener's
 * ({@link Knowledge}), which knows whether the index ever opened.
 */
final class OpeningIndex implements SearchIndex {

    private final CompletableFuture<? extends SearchIndex> opening;

    OpeningIndex(CompletableFuture<? extends SearchIndex> opening) {
        this.opening = opening;
    }

    private SearchIndex opened() {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw new SearchIndexException("the search index did not open: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void put(List<Note> notes) {
        opened().put(notes);
    }

    @Override
    public Bulk bulk() {
        return opened().bulk();
    }

    @Override
    public void remove(String noteId) {
        opened().remove(noteId);
    }

    @Override
    public void removeOwner(String owner) {
        opened().removeOwner(owner);
    }

    @Override
    public List<SearchHit> search(String owner, String query, int limit) {
        return opened().search(owner, query, limit);
    }

    @Override
    public List<SearchHit> related(Note note, int limit) {
        return opened().related(note, limit);
    }

    @Override
    public int size() {
        return opened().size();
    }

    @Override
    public void close() {
        // Knowledge closes the index it opened: this one only waited for it.
    }
}
