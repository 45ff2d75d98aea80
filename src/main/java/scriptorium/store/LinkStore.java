package scriptorium.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Links between notes (issue 14): the names each note answers to and the targets its content links to, both lower
 * case ({@code name:title}, {@code path:dir/file.md}). A link resolves to every note of the same owner with a name
 * equal to its target, at read time: a link to a note not written yet resolves once it is. Thread-safe; throws
 * {@link StoreException} when the database fails. Rows go with their note (to the trash, or with its owner).
 */
public final class LinkStore {

    /** Long enough for any title (200) or a deep path; longer targets are not stored. */
    public static final int MAX_KEY = 600;

    /** The names of one note and the targets of its links, written together. */
    public record NoteKeys(String noteId, String owner, Collection<String> names, Collection<String> targets) {}

    /** A note at the other end of a link. */
    public record Linked(String noteId, String title, long version) {}

    private final Sql sql;

    LinkStore(Sql sql) {
        this.sql = sql;
    }

    /** Replaces the names and links of every note in {@code keys}, in one transaction. */
    public void replace(List<NoteKeys> keys) {
        if (keys.isEmpty()) {
            return;
        }
        sql.inTransaction("write links", (Sql.Work) transaction -> replace(transaction, keys));
    }

    /** {@link #replace(List)} in {@code transaction}: a note's links are written with the note. */
    static void replace(Sql.Transaction transaction, List<NoteKeys> keys) throws java.sql.SQLException {
        if (keys.isEmpty()) {
            return;
        }
        List<Object[]> ids = keys.stream().map(k -> new Object[] {k.noteId()}).toList();
        transaction.batch("DELETE FROM note_names WHERE note_id = ?", ids);
        transaction.batch("DELETE FROM note_links WHERE note_id = ?", ids);
        add(transaction, keys);
    }

    /** The names and links of notes that have none yet (new ones), in {@code transaction}. */
    static void add(Sql.Transaction transaction, List<NoteKeys> keys) throws java.sql.SQLException {
        List<Object[]> names = new ArrayList<>();
        List<Object[]> targets = new ArrayList<>();
        for (NoteKeys k : keys) {
            k.names().forEach(name -> names.add(new Object[] {k.noteId(), k.owner(), name}));
            k.targets().forEach(target -> targets.add(new Object[] {k.noteId(), k.owner(), target}));
        }
        if (!names.isEmpty()) {
            transaction.batch("INSERT INTO note_names (note_id, owner_id, name) VALUES (?, ?, ?)", names);
        }
        if (!targets.isEmpty()) {
            transaction.batch("INSERT INTO note_links (note_id, owner_id, target) VALUES (?, ?, ?)", targets);
        }
    }

    /** The notes {@code noteId} links to, by title. */
    public List<Linked> outgoing(String owner, String noteId) {
        return sql.query("SELECT DISTINCT n.id, n.title, n.version FROM note_links l"
                + " JOIN note_names k ON k.owner_id = l.owner_id AND k.name = l.target"
                + " JOIN notes n ON n.id = k.note_id"
                + " WHERE l.note_id = ? AND l.owner_id = ? AND n.id <> ? ORDER BY n.title, n.id",
                LinkStore::linked, noteId, owner, noteId);
    }

    /** The notes that link to {@code noteId}, by title. */
    public List<Linked> backlinks(String owner, String noteId) {
        return sql.query("SELECT DISTINCT n.id, n.title, n.version FROM note_names k"
                + " JOIN note_links l ON l.owner_id = k.owner_id AND l.target = k.name"
                + " JOIN notes n ON n.id = l.note_id"
                + " WHERE k.note_id = ? AND k.owner_id = ? AND n.id <> ? ORDER BY n.title, n.id",
                LinkStore::linked, noteId, owner, noteId);
    }

    /** The targets of {@code noteId}'s links that no note answers to (yet). */
    public List<String> unresolved(String owner, String noteId) {
        return sql.query("SELECT l.target FROM note_links l WHERE l.note_id = ? AND l.owner_id = ? AND NOT EXISTS"
                + " (SELECT 1 FROM note_names k WHERE k.owner_id = l.owner_id AND k.name = l.target) ORDER BY l.target",
                row -> row.getString(1), noteId, owner);
    }

    /**
     * Up to {@code limit} notes (any owner) with no names yet: written before links existed, or whose links were
     * lost between the note's commit and theirs. Every note has at least its title as a name once linked.
     */
    public List<String> unlinked(int limit) {
        return sql.query("SELECT id FROM notes n WHERE NOT EXISTS (SELECT 1 FROM note_names k WHERE k.note_id = n.id)"
                + " ORDER BY id LIMIT ?", row -> row.getString(1), limit);
    }

    private static Linked linked(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Linked(row.getString(1), row.getString(2), row.getLong(3));
    }
}
