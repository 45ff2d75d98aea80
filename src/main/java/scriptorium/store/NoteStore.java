package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Notes and their tags. A note and its tags are written in one transaction. Thread-safe.
 * Throws {@link StoreException} when the database fails.
 */
public final class NoteStore {

    private static final String COLUMNS = "id, title, content, source, content_hash, version, created_at, updated_at";
    private static final int PAGE = 500;

    private final Sql sql;

    public NoteStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts every note in one transaction. */
    public void insert(List<Note> notes) {
        insert(notes, List.of());
    }

    /**
     * Inserts every note, and the vectors computed for them (by the writer, once: other instances' indexes read
     * them), in one transaction: one change of the feed.
     */
    public void insert(List<Note> notes, List<NoteVector> vectors) {
        sql.inTransaction("insert notes", transaction -> {
            long change = nextChange(transaction);
            transaction.batch("INSERT INTO notes (" + COLUMNS + ", change_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    notes.stream().map(note -> new Object[] {note.id(), note.title(), note.content(),
                            note.source().id(), note.contentHash(), note.version(), note.createdAt(), note.updatedAt(),
                            change}).toList());
            for (Note note : notes) {
                writeTags(transaction, note);
            }
            EmbeddingStore.write(transaction, vectors);
        });
    }

    /**
     * Replaces the note whose version is {@code updated.version() - 1}; returns false, writing nothing, when the
     * stored version differs (someone else updated it first) or the note is gone.
     */
    public boolean update(Note updated) {
        return update(updated, List.of());
    }

    /** {@link #update(Note)}, with the vectors computed for the new version stored in the same transaction. */
    public boolean update(Note updated, List<NoteVector> vectors) {
        return sql.inTransaction("update note", transaction -> {
            long change = nextChange(transaction);
            if (transaction.update("UPDATE notes SET title = ?, content = ?, content_hash = ?, version = ?,"
                            + " updated_at = ?, change_no = ? WHERE id = ? AND version = ?", updated.title(),
                    updated.content(), updated.contentHash(), updated.version(), updated.updatedAt(), change,
                    updated.id(), updated.version() - 1) == 0) {
                return false; // commits only the change number: a number with no change, which followers skip
            }
            transaction.update("DELETE FROM note_tags WHERE note_id = ?", updated.id());
            writeTags(transaction, updated);
            EmbeddingStore.write(transaction, vectors);
            return true;
        });
    }

    /** Deletes the note and leaves a tombstone in the change feed, so that every index drops it. */
    public boolean delete(String id) {
        return sql.inTransaction("delete note", transaction -> {
            long change = nextChange(transaction);
            if (transaction.update("DELETE FROM notes WHERE id = ?", id) == 0) {
                return false;
            }
            transaction.update("INSERT INTO note_tombstones (note_id, change_no) VALUES (?, ?)", id, change);
            return true;
        });
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

    public Optional<Note> find(String id) {
        return find(List.of(id)).stream().findFirst();
    }

    /** The notes among {@code ids} that exist, in the order of {@code ids}. */
    public List<Note> find(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        List<Note> found = withTags(sql.query("SELECT " + COLUMNS + " FROM notes WHERE id IN (" + marks + ")",
                NoteStore::note, ids.toArray()));
        Map<String, Note> byId = new HashMap<>();
        found.forEach(note -> byId.put(note.id(), note));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Most recently updated first; {@code tag} null for every note. */
    public List<Note> list(String tag, int limit, int offset) {
        List<Note> notes = tag == null
                ? sql.query("SELECT " + COLUMNS + " FROM notes ORDER BY updated_at DESC, id LIMIT ? OFFSET ?",
                        NoteStore::note, limit, offset)
                : sql.query("SELECT " + COLUMNS + " FROM notes WHERE id IN (SELECT note_id FROM note_tags WHERE tag = ?)"
                        + " ORDER BY updated_at DESC, id LIMIT ? OFFSET ?", NoteStore::note, tag, limit, offset);
        return withTags(notes);
    }

    public long count(String tag) {
        return tag == null
                ? sql.queryOne("SELECT COUNT(*) FROM notes", row -> row.getLong(1)).orElse(0L)
                : sql.queryOne("SELECT COUNT(DISTINCT note_id) FROM note_tags WHERE tag = ?",
                        row -> row.getLong(1), tag).orElse(0L);
    }

    public Optional<Note> findByContentHash(String contentHash) {
        return withTags(sql.query("SELECT " + COLUMNS + " FROM notes WHERE content_hash = ? ORDER BY id LIMIT 1",
                NoteStore::note, contentHash)).stream().findFirst();
    }

    /** Every note's id and version: what the search index compares itself with at start. */
    public Map<String, Long> versions() {
        Map<String, Long> versions = new HashMap<>();
        sql.query("SELECT id, version FROM notes", row -> versions.put(row.getString(1), row.getLong(2)));
        return versions;
    }

    /** Every note, in pages of a few hundred, in id order (export). */
    public void forEach(Consumer<Note> action) {
        String after = "";
        while (true) {
            List<Note> page = withTags(sql.query("SELECT " + COLUMNS + " FROM notes WHERE id > ? ORDER BY id LIMIT ?",
                    NoteStore::note, after, PAGE));
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
        return notes.stream().map(note -> new Note(note.id(), note.title(), note.content(), tags.get(note.id()),
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
        return new Note(row.getString("id"), row.getString("title"), row.getString("content"), List.of(),
                Note.Source.valueOf(row.getString("source").toUpperCase(java.util.Locale.ROOT)),
                row.getString("content_hash"), row.getLong("version"), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
