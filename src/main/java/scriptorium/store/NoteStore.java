package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Notes and their tags. A note and its tags are written in one transaction. Thread-safe.
 * Throws {@link StoreException} when the database fails.
 *
 * <p>Every read and write names the owner (issue 10): another user's note is found exactly as an unknown one is,
 * not at all. Only {@link #versions()} and {@link #findAny} (the search index catching up) read across owners.
 */
public final class NoteStore {

    private static final String COLUMNS = "id, owner_id, title, content, source, content_hash, version, created_at, updated_at";
    private static final int PAGE = 500;

    private final Sql sql;
    private final LinkStore links;

    public NoteStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
        this.links = new LinkStore(sql);
    }

    /** The links between these notes (issue 14). */
    public LinkStore links() {
        return links;
    }

    /** Inserts every note in one transaction, each with its first revision. */
    public void insert(List<Note> notes, Change change) {
        insert(notes, change, List.of());
    }

    /** Inserts every note in one transaction, each with its first revision and its {@code links}. */
    public void insert(List<Note> notes, Change change, List<LinkStore.NoteKeys> links) {
        sql.inTransaction("insert notes", transaction -> {
            insertRows(transaction, notes);
            for (Note note : notes) {
                RevisionStore.append(transaction, null, note, change);
            }
            LinkStore.add(transaction, links); // new notes: no names or links of theirs to replace
        });
    }

    /** The rows of {@code notes} and their tags, in {@code transaction} (a new note, or one back from the trash). */
    static void insertRows(Sql.Transaction transaction, List<Note> notes) throws SQLException {
        long change = nextChange(transaction);
        transaction.batch("INSERT INTO notes (" + COLUMNS + ", change_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                notes.stream().map(note -> new Object[] {note.id(), note.owner(), note.title(), note.content(),
                        note.source().id(), note.contentHash(), note.version(), note.createdAt(), note.updatedAt(),
                        change}).toList());
        // A note back from the trash is written again: its tombstone would only make followers drop it first.
        transaction.batch("DELETE FROM note_tombstones WHERE note_id = ?",
                notes.stream().map(note -> new Object[] {note.id()}).toList());
        for (Note note : notes) {
            writeTags(transaction, note);
        }
    }

    /**
     * Replaces {@code previous} (the note as the caller read it) with {@code updated}, its next version, and
     * records the revision; returns false, writing nothing, when the stored version differs (someone else updated
     * it first) or the note is gone.
     */
    public boolean update(Note previous, Note updated, Change change) {
        return update(previous, updated, change, List.of());
    }

    /** {@link #update(Note, Note, Change)}, the note's {@code links} replaced in the same transaction. */
    public boolean update(Note previous, Note updated, Change change, List<LinkStore.NoteKeys> links) {
        if (updated.version() != previous.version() + 1 || !updated.id().equals(previous.id())) {
            throw new IllegalArgumentException("updated: must be the next version of previous");
        }
        return sql.inTransaction("update note", transaction -> {
            long feed = nextChange(transaction);
            if (transaction.update("UPDATE notes SET title = ?, content = ?, content_hash = ?, version = ?,"
                            + " updated_at = ?, change_no = ? WHERE id = ? AND owner_id = ? AND version = ?",
                    updated.title(), updated.content(), updated.contentHash(), updated.version(), updated.updatedAt(),
                    feed, updated.id(), updated.owner(), updated.version() - 1) == 0) {
                return false; // commits only the change number: a number with no change, which followers skip
            }
            transaction.update("DELETE FROM note_tags WHERE note_id = ?", updated.id());
            writeTags(transaction, updated);
            RevisionStore.append(transaction, previous, updated, change);
            LinkStore.replace(transaction, links);
            return true;
        });
    }

    /** Deletes the note for good, without the trash, leaving a tombstone that drops it from every index. */
    public boolean delete(String id) {
        return sql.inTransaction("delete note", (Sql.Answering<Boolean>) transaction -> deleteRow(transaction, id, "1 = 1"));
    }

    /**
     * Deletes note {@code id} if {@code condition} (SQL over its row) holds, with its tombstone in the change feed
     * (V6): every instance's index drops it. False, nothing written, when no such note.
     */
    static boolean deleteRow(Sql.Transaction transaction, String id, String condition, Object... params)
            throws SQLException {
        long change = nextChange(transaction);
        Object[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(id), java.util.Arrays.stream(params))
                .toArray();
        if (transaction.update("DELETE FROM notes WHERE id = ? AND " + condition, all) == 0) {
            return false;
        }
        transaction.update("INSERT INTO note_tombstones (note_id, change_no) VALUES (?, ?)", id, change);
        return true;
    }

    /** Tombstones for every note of {@code owner}, about to go with the owner's row (by cascade). */
    static void tombstoneAll(Sql.Transaction transaction, String owner) throws SQLException {
        long change = nextChange(transaction);
        transaction.update("INSERT INTO note_tombstones (note_id, change_no) SELECT id, ? FROM notes WHERE owner_id = ?",
                change, owner);
    }

    /** The last change number given: what a follower of the feed compares its position with. */
    public NoteChange.Head head() {
        return sql.queryOne("SELECT last_change, changed_at FROM note_feed WHERE id = 1",
                row -> new NoteChange.Head(row.getLong(1), Sql.instant(row, "changed_at"))).orElseThrow();
    }

    /** Notes written and deleted after change {@code after}, in change order (a note once: its last change). */
    public List<NoteChange> changesSince(long after) {
        return sql.query("SELECT id, change_no, FALSE AS deleted FROM notes WHERE change_no > ?"
                        + " UNION ALL SELECT note_id, change_no, TRUE AS deleted FROM note_tombstones WHERE change_no > ?"
                        + " ORDER BY 2", row -> new NoteChange(row.getString(1), row.getLong(2), row.getBoolean(3)),
                after, after);
    }

    /**
     * Takes the next change number: the update locks note_feed's row until the transaction ends, so numbers are
     * given in commit order (V6__change_feed.sql).
     */
    private static long nextChange(Sql.Transaction transaction) throws SQLException {
        transaction.update("UPDATE note_feed SET last_change = last_change + 1, changed_at = CURRENT_TIMESTAMP"
                + " WHERE id = 1");
        return transaction.queryLong("SELECT last_change FROM note_feed WHERE id = 1");
    }

    /** The ids of every note of {@code owner}: what leaves the search index when the owner is deleted. */
    public List<String> ids(String owner) {
        return sql.query("SELECT id FROM notes WHERE owner_id = ?", row -> row.getString(1), owner);
    }

    public Optional<Note> find(String owner, String id) {
        return find(owner, List.of(id)).stream().findFirst();
    }

    /** The notes of {@code owner} among {@code ids} that exist, in the order of {@code ids}. */
    public List<Note> find(String owner, Collection<String> ids) {
        return find(ids, " AND owner_id = ?", owner);
    }

    /** The notes among {@code ids}, whoever owns them: for the search index only, which files each by owner. */
    public List<Note> findAny(Collection<String> ids) {
        return find(ids, "");
    }

    private List<Note> find(Collection<String> ids, String ownerClause, Object... owner) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        Object[] params = java.util.stream.Stream.concat(ids.stream(), java.util.Arrays.stream(owner)).toArray();
        List<Note> found = withTags(sql.query("SELECT " + COLUMNS + " FROM notes WHERE id IN (" + marks + ")"
                + ownerClause, NoteStore::note, params));
        Map<String, Note> byId = new HashMap<>();
        found.forEach(note -> byId.put(note.id(), note));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Most recently updated first; {@code tag} null for every note of {@code owner}. */
    public List<Note> list(String owner, String tag, int limit, int offset) {
        List<Note> notes = tag == null
                ? sql.query("SELECT " + COLUMNS + " FROM notes WHERE owner_id = ?"
                        + " ORDER BY updated_at DESC, id LIMIT ? OFFSET ?", NoteStore::note, owner, limit, offset)
                : sql.query("SELECT " + COLUMNS + " FROM notes WHERE owner_id = ?"
                        + " AND id IN (SELECT note_id FROM note_tags WHERE tag = ?)"
                        + " ORDER BY updated_at DESC, id LIMIT ? OFFSET ?", NoteStore::note, owner, tag, limit, offset);
        return withTags(notes);
    }

    public long count(String owner, String tag) {
        return tag == null
                ? sql.queryOne("SELECT COUNT(*) FROM notes WHERE owner_id = ?", row -> row.getLong(1), owner)
                        .orElse(0L)
                : sql.queryOne("SELECT COUNT(DISTINCT note_id) FROM note_tags JOIN notes ON notes.id = note_id"
                        + " WHERE owner_id = ? AND tag = ?", row -> row.getLong(1), owner, tag).orElse(0L);
    }

    /**
     * Which of {@code contentHashes} some note of {@code owner} already has: one query for an import's batch. The
     * pairs are looked up as rows of (owner, hash), not as {@code owner_id = ? AND content_hash IN (...)}: H2 seeks
     * an IN list only on an index's first column, so that form read every note of the owner (25 to 100 ms a batch
     * at 10,000 notes, on the import's one reading thread), while each row is one seek in notes_owner_hash.
     */
    public Set<String> existingContentHashes(String owner, Collection<String> contentHashes) {
        if (contentHashes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(sql.query("SELECT DISTINCT content_hash FROM notes WHERE (owner_id, content_hash) IN ("
                        + String.join(", ", Collections.nCopies(contentHashes.size(), "(?, ?)")) + ")",
                row -> row.getString(1), contentHashes.stream().flatMap(hash -> Stream.of(owner, hash)).toArray()));
    }

    public Optional<Note> findByContentHash(String owner, String contentHash) {
        return withTags(sql.query("SELECT " + COLUMNS + " FROM notes WHERE owner_id = ? AND content_hash = ?"
                + " ORDER BY id LIMIT 1", NoteStore::note, owner, contentHash)).stream().findFirst();
    }

    /** Every note's id and version: what the search index compares itself with at start. */
    public Map<String, Long> versions() {
        Map<String, Long> versions = new HashMap<>();
        sql.query("SELECT id, version FROM notes", row -> versions.put(row.getString(1), row.getLong(2)));
        return versions;
    }

    /** Every note of {@code owner}, in pages of a few hundred, in id order (export). */
    public void forEach(String owner, Consumer<Note> action) {
        String after = "";
        while (true) {
            List<Note> page = withTags(sql.query("SELECT " + COLUMNS + " FROM notes WHERE owner_id = ? AND id > ?"
                    + " ORDER BY id LIMIT ?", NoteStore::note, owner, after, PAGE));
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().id();
        }
    }

    private List<Note> withTags(List<Note> notes) {
        if (notes.isEmpty()) {
            return notes;
        }
        Map<String, List<String>> tags = new LinkedHashMap<>();
        notes.forEach(note -> tags.put(note.id(), new ArrayList<>()));
        String marks = String.join(", ", java.util.Collections.nCopies(notes.size(), "?"));
        sql.query("SELECT note_id, tag FROM note_tags WHERE note_id IN (" + marks + ") ORDER BY note_id, tag_order",
                row -> tags.get(row.getString(1)).add(row.getString(2)), tags.keySet().toArray());
        return notes.stream().map(note -> new Note(note.id(), note.owner(), note.title(), note.content(), tags.get(note.id()),
                note.source(), note.contentHash(), note.version(), note.createdAt(), note.updatedAt())).toList();
    }

    private static void writeTags(Sql.Transaction transaction, Note note) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < note.tags().size(); i++) {
            rows.add(new Object[] {note.id(), i, note.tags().get(i)});
        }
        if (!rows.isEmpty()) {
            transaction.batch("INSERT INTO note_tags (note_id, tag_order, tag) VALUES (?, ?, ?)", rows);
        }
    }

    private static Note note(ResultSet row) throws SQLException {
        return new Note(row.getString("id"), row.getString("owner_id"), row.getString("title"), row.getString("content"), List.of(),
                Note.Source.valueOf(row.getString("source").toUpperCase(java.util.Locale.ROOT)),
                row.getString("content_hash"), row.getLong("version"), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
