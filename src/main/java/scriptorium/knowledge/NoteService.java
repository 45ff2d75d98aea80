package scriptorium.knowledge;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import scriptorium.store.Change;
import scriptorium.store.Note;
import scriptorium.store.NoteStore;
import scriptorium.store.TrashStore;

/**
 * Notes as the HTTP API, the agents' tools and the importer see them: validated, versioned, searchable as soon
 * as a write returns. The database is written first; should indexing then fail, the next start re-indexes the
 * note, since the index is rebuilt from the database by version. (Likewise, should two successive updates of one
 * note from two threads reach the index in the wrong order, the next start re-indexes the latest version.)
 *
 * <p>A NoteService is one user's archive (issue 10): {@link #forOwner} gives another's. Each call reads and
 * writes only that owner's notes, so the HTTP API, the agents' tools and the importer cannot reach another user's.
 *
 * <p>Thread-safe. Throws {@link NoteException} for refused input, {@code StoreException} and
 * {@link SearchIndexException} when storage fails.
 */
public final class NoteService {

    static final int MAX_LIMIT = 100;

    private final NoteStore store;
    private final TrashStore trash;
    private final SearchIndex index;
    private final Clock clock;
    private final String owner;

    public NoteService(NoteStore store, TrashStore trash, SearchIndex index, Clock clock, String owner) {
        this.store = store;
        this.trash = trash;
        this.index = index;
        this.clock = clock;
        this.owner = owner;
    }

    /** The archive of {@code owner}: the same store and index, every call bound to that user. */
    public NoteService forOwner(String owner) {
        return owner.equals(this.owner) ? this : new NoteService(store, trash, index, clock, owner);
    }

    public String owner() {
        return owner;
    }

    /** Deletes every note of this owner from the index (their rows go with the user, by cascade). */
    public void forgetAll() {
        index.removeOwner(owner);
    }

    public Note create(NoteDraft draft, Note.Source source) {
        return create(draft, Change.by(source, "created"));
    }

    /** A new note, its first revision recorded as {@code change} (who wrote it, in which run). */
    public Note create(NoteDraft draft, Change change) {
        return createAll(List.of(draft), change).getFirst();
    }

    /** Creates every draft in one transaction and one index commit: the importer's path. */
    public List<Note> createAll(List<NoteDraft> drafts, Note.Source source) {
        return createAll(drafts, Change.by(source, source == Note.Source.IMPORT ? "imported" : "created"));
    }

    private List<Note> createAll(List<NoteDraft> drafts, Change change) {
        Note.Source source = change.author();
        Instant now = now();
        List<Note> notes = new ArrayList<>(drafts.size());
        for (NoteDraft draft : drafts) {
            String content = NoteRules.content(draft.content());
            notes.add(new Note(UUID.randomUUID().toString(), owner, NoteRules.title(draft.title()), content,
                    NoteRules.tags(draft.tags()), source, NoteRules.hash(content), 1, now, now));
        }
        store.insert(notes, change);
        index.put(notes);
        return notes;
    }

    /**
     * Applies {@code patch} if the note is still at {@code expectedVersion}; otherwise throws
     * {@link NoteException.Conflict} and writes nothing.
     */
    public Note update(String id, long expectedVersion, NotePatch patch) {
        return update(id, expectedVersion, patch, Change.by(Note.Source.USER, "edited"));
    }

    /** {@link #update(String, long, NotePatch)}, its revision recorded as {@code change}. */
    public Note update(String id, long expectedVersion, NotePatch patch, Change change) {
        Note current = get(id);
        if (current.version() != expectedVersion) {
            throw new NoteException.Conflict(id, expectedVersion, current.version());
        }
        if (patch.empty()) {
            throw new NoteException.Invalid("body", "an update needs at least one of title, content, tags");
        }
        String title = patch.title() == null ? current.title() : NoteRules.title(patch.title());
        String content = patch.content() == null ? current.content() : NoteRules.content(patch.content());
        List<String> tags = patch.tags() == null ? current.tags() : NoteRules.tags(patch.tags());
        var updated = new Note(id, owner, title, content, tags, current.source(), NoteRules.hash(content),
                current.version() + 1, current.createdAt(), now());
        if (!store.update(current, updated, change)) {
            // Someone updated (or deleted) it between our read and our write.
            throw new NoteException.Conflict(id, expectedVersion, get(id).version());
        }
        index.put(List.of(updated));
        return updated;
    }

    /** Applies {@code patch} to the latest version: for callers (the agents) that hold no version. */
    public Note update(String id, NotePatch patch, Change change) {
        return update(id, get(id).version(), patch, change);
    }

    public Note get(String id) {
        return find(id).orElseThrow(() -> new NoteException.NotFound(id));
    }

    public Optional<Note> find(String id) {
        return store.find(owner, id);
    }

    /** The notes among {@code ids} that exist, in that order: a chat request's {@code context_ids}. */
    public List<Note> find(List<String> ids) {
        return store.find(owner, ids);
    }

    /** Moves the note to the trash (issue 14): out of search and the agents' reach, restorable for 30 days. */
    public void delete(String id) {
        Note note = get(id);
        if (!trash.trash(note, now())) {
            throw new NoteException.Conflict(id, note.version(), get(id).version());
        }
        index.remove(id);
    }

    /** Puts a restored note (back from the trash) into the search index: searchable as soon as it returns. */
    void indexed(Note restored) {
        index.put(List.of(restored));
    }

    /** @param tag only notes with this tag, or null for all */
    public NotePage list(String tag, int limit, int offset) {
        checkLimit(limit);
        if (offset < 0) {
            throw new NoteException.Invalid("offset", "must be 0 or more");
        }
        return new NotePage(store.list(owner, tag, limit, offset), store.count(owner, tag), limit, offset);
    }

    public List<SearchHit> search(String query, int limit) {
        checkLimit(limit);
        if (query == null || query.isBlank() || query.length() > 1000) {
            throw new NoteException.Invalid("q", "must be 1..1000 characters after trim");
        }
        return index.search(owner, query.strip(), limit);
    }

    public List<SearchHit> related(String noteId, int limit) {
        checkLimit(limit);
        return index.related(get(noteId), limit);
    }

    /** The note already holding exactly this content, if any: how an import skips what it already has. */
    public Optional<Note> findByContent(String content) {
        return store.findByContentHash(owner, NoteRules.hash(content));
    }

    public long count() {
        return store.count(owner, null);
    }

    /** Every note in id order, a page at a time (export). */
    public void forEach(Consumer<Note> action) {
        store.forEach(owner, action);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new NoteException.Invalid("limit", "must be 1.." + MAX_LIMIT);
        }
    }

    Instant now() {
        // Microseconds: what PostgreSQL keeps, so a note read back equals the note written.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
