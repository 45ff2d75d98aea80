package scriptorium.knowledge;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import scriptorium.store.Change;
import scriptorium.store.LinkStore;
import scriptorium.store.Note;
import scriptorium.store.Ids;
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
    private final NoteFiles files;

    public NoteService(NoteStore store, TrashStore trash, SearchIndex index, Clock clock, String owner) {
        this(store, trash, index, clock, owner, NoteFiles.NONE);
    }

    /** @param files where notes kept in a file (the vault's) are written back on update */
    NoteService(NoteStore store, TrashStore trash, SearchIndex index, Clock clock, String owner, NoteFiles files) {
        this.store = store;
        this.trash = trash;
        this.index = index;
        this.clock = clock;
        this.owner = owner;
        this.files = files;
    }

    /** The archive of {@code owner}: the same store and index, every call bound to that user. */
    public NoteService forOwner(String owner) {
        return owner.equals(this.owner) ? this : new NoteService(store, trash, index, clock, owner, files);
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
        return createAll(drafts, created(source));
    }

    /** Creates every draft in one transaction and one index commit, their first revisions recorded as {@code change}. */
    public List<Note> createAll(List<NoteDraft> drafts, Change change) {
        return createAll(drafts, change, newIds(drafts));
    }

    /** {@link #createAll(List, Change)} with the notes' ids chosen by the caller (the vault records them first). */
    List<Note> createAll(List<NoteDraft> drafts, Change change, List<String> ids) {
        List<Note> notes = store(drafts, change, ids, List.of());
        index.put(notes);
        return notes;
    }

    /**
     * The first half of {@link #createAll(List, Note.Source)}: the notes stored, not yet searchable until they are
     * put in the index, through {@link #bulkIndex}. The importer stores a batch while the index takes the one before.
     *
     * @param hashes each draft's content hash ({@link NoteRules#hash}): the importer has them already
     */
    List<Note> store(List<NoteDraft> drafts, List<String> hashes, Note.Source source) {
        return store(drafts, created(source), newIds(drafts), hashes);
    }

    /** The second half of {@link #createAll(List, Note.Source)}, for many batches: searchable once it is closed. */
    SearchIndex.Bulk bulkIndex() {
        return index.bulk();
    }

    private static Change created(Note.Source source) {
        return Change.by(source, source == Note.Source.IMPORT ? "imported" : "created");
    }

    /**
     * Time-ordered ids: a batch's rows join the last pages of every index keyed by note id (the notes, their tags,
     * revisions and names) instead of touching a random page of each per note, pages H2 then writes again at the
     * commit. Importing 10,000 notes, the database's CPU per note fell from 0.64 to 0.46 ms.
     */
    private static List<String> newIds(List<NoteDraft> drafts) {
        return drafts.stream().map(draft -> Ids.next("")).toList();
    }

    /** @param hashes each draft's {@link NoteRules#hash} when the caller has them (the importer), else empty */
    private List<Note> store(List<NoteDraft> drafts, Change change, List<String> ids, List<String> hashes) {
        Note.Source source = change.author();
        Instant now = now();
        List<Note> notes = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            NoteDraft draft = drafts.get(i);
            String content = NoteRules.content(draft.content());
            notes.add(new Note(ids.get(i), owner, NoteRules.title(draft.title()), content,
                    NoteRules.tags(draft.tags()), source, hashes.isEmpty() ? NoteRules.hash(content) : hashes.get(i), 1,
                    now, now));
        }
        store.insert(notes, change, keys(notes));
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
        // A change read from the vault is already in its file; any other is written back to it, if the note has one.
        NoteFiles writeBack = change.author() == Note.Source.VAULT ? NoteFiles.NONE : files;
        List<LinkStore.NoteKeys> links = keys(List.of(updated));
        if (!writeBack.update(current, updated, () -> store.update(current, updated, change, links))) {
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
        link(List.of(restored));
    }

    /**
     * Writes the names and links of {@code notes} (any owner's: each row carries its note's) apart from a write of
     * the note (which writes them in its transaction): when a vault file is renamed, a note comes back from the trash,
     * and at start for notes that have none (written before links were kept).
     */
    void link(List<Note> notes) {
        store.links().replace(keys(notes));
    }

    /** The names and links of {@code notes}, each named by its vault path too when it has one. */
    private List<LinkStore.NoteKeys> keys(List<Note> notes) {
        Map<String, String> paths = files.paths(notes.stream().map(Note::id).toList());
        return notes.stream().map(note -> NoteLinks.of(note, paths.get(note.id()))).toList();
    }

    /** Links every note that has no names yet, a page at a time; returns how many. */
    int linkUnlinked() {
        int linked = 0;
        List<String> previous = List.of();
        while (true) {
            List<String> ids = store.links().unlinked(500);
            if (ids.isEmpty() || ids.equals(previous)) {
                return linked;
            }
            link(store.findAny(ids));
            linked += ids.size();
            previous = ids;
        }
    }

    /** What a note links to and what links to it, among this owner's notes (another user's note: NotFound). */
    public Links links(String id) {
        get(id);
        LinkStore links = store.links();
        return new Links(links.outgoing(owner, id), links.backlinks(owner, id),
                links.unresolved(owner, id).stream().map(key -> key.substring(key.indexOf(':') + 1)).toList());
    }

    /**
     * @param unresolved the targets no note answers to yet: a title (lower case) or a vault path
     */
    public record Links(List<LinkStore.Linked> outgoing, List<LinkStore.Linked> backlinks, List<String> unresolved) {
        public Links {
            outgoing = List.copyOf(outgoing);
            backlinks = List.copyOf(backlinks);
            unresolved = List.copyOf(unresolved);
        }
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

    /**
     * The notes related to one: those it links to and those linking to it first (score 1, no text or vector score),
     * then its nearest neighbours by words and meaning.
     */
    public List<SearchHit> related(String noteId, int limit) {
        checkLimit(limit);
        Note note = get(noteId);
        Set<String> linked = new LinkedHashSet<>();
        store.links().outgoing(owner, noteId).forEach(l -> linked.add(l.noteId()));
        store.links().backlinks(owner, noteId).forEach(l -> linked.add(l.noteId()));
        List<SearchHit> hits = new ArrayList<>();
        for (Note other : store.find(owner, linked)) {
            if (hits.size() < limit) {
                hits.add(new SearchHit(other.id(), other.title(), opening(other.content()), 1.0, null, null,
                        other.tags(), other.version()));
            }
        }
        for (SearchHit hit : index.related(note, limit)) {
            if (hits.size() < limit && !linked.contains(hit.noteId())) {
                hits.add(hit);
            }
        }
        return hits;
    }

    /** A linked note's snippet: its opening words, on one line. */
    private static String opening(String content) {
        String flat = content.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 199) + "…";
    }

    /** The note already holding exactly this content, if any: how an import skips what it already has. */
    public Optional<Note> findByContent(String content) {
        return store.findByContentHash(owner, NoteRules.hash(content));
    }

    /** Which of these contents (by {@link NoteRules#hash}) a note already holds: an import's batch in one query. */
    public Set<String> existingContents(Collection<String> contentHashes) {
        return store.existingContentHashes(owner, contentHashes);
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
