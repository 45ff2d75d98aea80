package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Deleted notes (issue 14): a deletion moves the note out of the notes table into the trash, where nothing but
 * the trash's own routes sees it; restoring moves it back as its next version (a new revision); purging drops it
 * with its history. Each move is one transaction. Thread-safe; throws {@link StoreException} when the database fails.
 */
public final class TrashStore {

    private static final String COLUMNS = "id, owner_id, title, content, tags, source, content_hash, version, created_at,"
            + " updated_at, deleted_at";

    /** A note in the trash, and when it was put there. */
    public record Trashed(Note note, Instant deletedAt) {}

    private final Sql sql;

    public TrashStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Moves {@code note} (as read, at its version) to the trash; false when it changed or went meanwhile. */
    public boolean trash(Note note, Instant at) {
        return sql.inTransaction("trash note", transaction -> {
            if (!NoteStore.deleteRow(transaction, note.id(), "version = ?", note.version())) {
                return false;
            }
            transaction.update("INSERT INTO trashed_notes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    note.id(), note.owner(), note.title(), note.content(), String.join("\n", note.tags()), note.source().id(),
                    note.contentHash(), note.version(), note.createdAt(), note.updatedAt(), at);
            return true;
        });
    }

    /** {@code owner}'s trash, most recently deleted first. */
    public List<Trashed> list(String owner, int limit, int offset) {
        return sql.query("SELECT " + COLUMNS + " FROM trashed_notes WHERE owner_id = ?"
                + " ORDER BY deleted_at DESC, id LIMIT ? OFFSET ?", TrashStore::trashed, owner, limit, offset);
    }

    public long count(String owner) {
        return sql.queryOne("SELECT COUNT(*) FROM trashed_notes WHERE owner_id = ?", row -> row.getLong(1), owner)
                .orElse(0L);
    }

    /** {@code owner}'s trashed note; another user's is not found. */
    public Optional<Trashed> find(String owner, String id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM trashed_notes WHERE id = ? AND owner_id = ?",
                TrashStore::trashed, id, owner);
    }

    /**
     * Moves {@code restored} (a trashed note at its next version) back among the notes, with its revision; false
     * when it is no longer in the trash at the version before.
     */
    public boolean restore(Note restored, Change change) {
        return sql.inTransaction("restore note", transaction -> {
            List<Note> trashed = transaction.query("SELECT " + COLUMNS + " FROM trashed_notes WHERE id = ?"
                    + " AND owner_id = ? AND version = ?", row -> trashed(row).note(), restored.id(), restored.owner(),
                    restored.version() - 1);
            if (trashed.isEmpty()) {
                return false;
            }
            transaction.update("DELETE FROM trashed_notes WHERE id = ?", restored.id());
            NoteStore.insertRows(transaction, List.of(restored));
            RevisionStore.append(transaction, trashed.getFirst(), restored, change);
            return true;
        });
    }

    /** Drops the notes deleted before {@code before}, with their history; returns how many. */
    public int purge(Instant before) {
        return sql.inTransaction("purge trash", transaction -> {
            transaction.update("DELETE FROM note_revisions WHERE note_id IN"
                    + " (SELECT id FROM trashed_notes WHERE deleted_at < ?)", before);
            return transaction.update("DELETE FROM trashed_notes WHERE deleted_at < ?", before);
        });
    }

    private static Trashed trashed(ResultSet row) throws SQLException {
        String tags = row.getString("tags");
        var note = new Note(row.getString("id"), row.getString("owner_id"), row.getString("title"), row.getString("content"),
                tags.isEmpty() ? List.of() : List.of(tags.split("\n")),
                Note.Source.valueOf(row.getString("source").toUpperCase(java.util.Locale.ROOT)),
                row.getString("content_hash"), row.getLong("version"), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
        return new Trashed(note, Sql.instant(row, "deleted_at"));
    }
}
