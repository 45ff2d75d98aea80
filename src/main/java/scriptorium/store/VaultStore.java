package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The files of the live vault (issue 14) and the note each one is: path relative to the vault, '/'-separated, and the
 * SHA-256 of the file's text when it was last read or written. A note has at most one file. Thread-safe; throws
 * {@link StoreException} when the database fails.
 */
public final class VaultStore {

    /** One file of the vault and its note. */
    public record VaultFile(String owner, String path, String noteId, String fileHash) {}

    private final Sql sql;

    public VaultStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public Optional<VaultFile> byPath(String owner, String path) {
        return sql.queryOne("SELECT owner_id, path, note_id, file_hash FROM vault_files WHERE owner_id = ? AND path = ?",
                VaultStore::file, owner, path);
    }

    public Optional<VaultFile> byNote(String owner, String noteId) {
        return sql.queryOne("SELECT owner_id, path, note_id, file_hash FROM vault_files WHERE owner_id = ?"
                + " AND note_id = ?", VaultStore::file, owner, noteId);
    }

    /** The files at {@code path} or under it (a folder); "" for every file. */
    public List<VaultFile> under(String owner, String path) {
        if (path.isEmpty()) {
            return sql.query("SELECT owner_id, path, note_id, file_hash FROM vault_files WHERE owner_id = ?",
                    VaultStore::file, owner);
        }
        String prefix = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%";
        return sql.query("SELECT owner_id, path, note_id, file_hash FROM vault_files WHERE owner_id = ?"
                + " AND (path = ? OR path LIKE ? ESCAPE '\\')", VaultStore::file, owner, path, prefix);
    }

    /** The vault paths of those of {@code noteIds} that have a file: the names links find them by. */
    public Map<String, String> paths(Collection<String> noteIds) {
        Map<String, String> paths = new HashMap<>();
        if (noteIds.isEmpty()) {
            return paths;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(noteIds.size(), "?"));
        sql.query("SELECT note_id, path FROM vault_files WHERE note_id IN (" + marks + ")",
                row -> paths.put(row.getString(1), row.getString(2)), noteIds.toArray());
        return paths;
    }

    /** Records each file as its note's one file (a rename moves the row), in one transaction. */
    public void put(List<VaultFile> files) {
        if (files.isEmpty()) {
            return;
        }
        sql.inTransaction("record vault files", transaction -> {
            // Two statements rather than one with OR, so that each uses its index.
            transaction.batch("DELETE FROM vault_files WHERE owner_id = ? AND path = ?", files.stream()
                    .map(f -> new Object[] {f.owner(), f.path()}).toList());
            transaction.batch("DELETE FROM vault_files WHERE note_id = ?", files.stream()
                    .map(f -> new Object[] {f.noteId()}).toList());
            transaction.batch("INSERT INTO vault_files (owner_id, path, note_id, file_hash) VALUES (?, ?, ?, ?)",
                    files.stream().map(f -> new Object[] {f.owner(), f.path(), f.noteId(), f.fileHash()}).toList());
        });
    }

    public void remove(String owner, String path) {
        sql.update("DELETE FROM vault_files WHERE owner_id = ? AND path = ?", owner, path);
    }

    private static VaultFile file(ResultSet row) throws SQLException {
        return new VaultFile(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
    }
}
