package scriptorium.knowledge;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import scriptorium.store.Note;

/**
 * A bulk load of a {@link LuceneSearchIndex} ({@link SearchIndex#bulk}): each batch goes to the writer, and the
 * whole load is committed and made searchable once, when it closes. Until then its notes' versions wait in the
 * index's {@code unpublished} map, where the change feed finds them instead of indexing them again.
 */
final class LuceneBulk implements SearchIndex.Bulk {

    private final LuceneSearchIndex index;
    private final Map<String, Long> unpublished;
    private final Map<String, Long> added = new HashMap<>();
    private boolean closed;

    LuceneBulk(LuceneSearchIndex index, Map<String, Long> unpublished) {
        this.index = index;
        this.unpublished = unpublished;
    }

    @Override
    public void put(List<Note> notes) {
        try {
            index.add(notes);
        } catch (IOException e) {
            throw new SearchIndexException("cannot index " + notes.size() + " note(s)", e);
        }
        for (Note note : notes) {
            added.put(note.id(), note.version());
            unpublished.put(note.id(), note.version());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            index.publish();
        } catch (IOException e) {
            throw new SearchIndexException("cannot commit the search index", e);
        } finally {
            added.forEach(unpublished::remove);
        }
    }
}
