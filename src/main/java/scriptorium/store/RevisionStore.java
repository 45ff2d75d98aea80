package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The revisions of notes (issue 14): appended in the transaction of the change they record ({@link NoteStore},
 * {@link TrashStore}), read here. Every {@value #SNAPSHOT_EVERY}th revision holds the whole content, the others
 * a patch from the revision before ({@link RevisionCodec}), so rebuilding any revision reads at most that many rows.
 * Thread-safe; throws {@link StoreException} when the database fails.
 */
public final class RevisionStore {

    static final int SNAPSHOT_EVERY = 20;
    private static final String COLUMNS = "note_id, revision, created_at, author, run_id, summary, title, tags, kind,"
            + " body";

    private final Sql sql;

    public RevisionStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Every revision of the note, newest first, without content. */
    public List<NoteRevision> list(String noteId) {
        return sql.query("SELECT " + COLUMNS + " FROM note_revisions WHERE note_id = ? ORDER BY revision DESC",
                row -> revision(row, null), noteId);
    }

    /** Revision {@code number} of the note with its whole content, rebuilt from its last snapshot. */
    public Optional<NoteRevision> find(String noteId, long number) {
        record Stored(NoteRevision revision, boolean full, byte[] body) {}
        List<Stored> chain = sql.query("SELECT " + COLUMNS + " FROM note_revisions WHERE note_id = ?"
                        + " AND revision <= ? AND revision >= (SELECT MAX(revision) FROM note_revisions"
                        + " WHERE note_id = ? AND revision <= ? AND kind = 'full') ORDER BY revision",
                row -> new Stored(revision(row, null), row.getString("kind").equals("full"), row.getBytes("body")),
                noteId, number, noteId, number);
        if (chain.isEmpty() || chain.getLast().revision().number() != number) {
            return Optional.empty();
        }
        String content = null;
        for (Stored stored : chain) {
            content = stored.full() ? RevisionCodec.content(stored.body()) : RevisionCodec.apply(content, stored.body());
        }
        NoteRevision last = chain.getLast().revision();
        return Optional.of(new NoteRevision(last.noteId(), last.number(), last.at(), last.author(), last.runId(),
                last.summary(), last.title(), last.tags(), content, last.storedBytes()));
    }

    /** The revisions a run's agents wrote: where its answer links to the diffs. */
    public List<NoteRevision> byRun(String runId) {
        return sql.query("SELECT " + COLUMNS + " FROM note_revisions WHERE run_id = ? ORDER BY note_id, revision",
                row -> revision(row, null), runId);
    }

    /** What every revision costs in the database: the figure the history benchmark reports. */
    public long storedBytes(String noteId) {
        return sql.queryOne("SELECT COALESCE(SUM(OCTET_LENGTH(body)), 0) FROM note_revisions WHERE note_id = ?",
                row -> row.getLong(1), noteId).orElse(0L);
    }

    /**
     * Appends the revision {@code note} is at, in {@code transaction}: a snapshot every {@value #SNAPSHOT_EVERY},
     * else a patch from {@code previous}. A note older than history (its previous revision missing) first gets
     * that revision as a snapshot by {@code unknown}, so the patch has a base.
     *
     * @param previous the note before the change, or null for a new note
     */
    static void append(Sql.Transaction transaction, Note previous, Note note, Change change) throws SQLException {
        boolean snapshot = previous == null || note.version() % SNAPSHOT_EVERY == 1;
        if (previous != null && !snapshot && transaction.query("SELECT 1 FROM note_revisions WHERE note_id = ?"
                + " AND revision = ?", row -> 1, previous.id(), previous.version()).isEmpty()) {
            insert(transaction, previous, "unknown", null, "before history was kept", "full",
                    RevisionCodec.full(previous.content()));
        }
        insert(transaction, note, change.author().id(), change.runId(), change.summary(), snapshot ? "full" : "patch",
                snapshot ? RevisionCodec.full(note.content()) : RevisionCodec.patch(previous.content(), note.content()));
    }

    /** Queued, not sent: an import's revisions go in one batch with the other rows of its notes. */
    private static void insert(Sql.Transaction transaction, Note note, String author, String runId, String summary,
                               String kind, byte[] body) throws SQLException {
        transaction.add("INSERT INTO note_revisions (note_id, revision, created_at, author, run_id, summary,"
                        + " title, tags, kind, body, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                note.id(), note.version(), note.updatedAt(), author, runId, summary, note.title(),
                String.join("\n", note.tags()), kind, body, note.contentHash());
    }

    private static NoteRevision revision(ResultSet row, String content) throws SQLException {
        String tags = row.getString("tags");
        return new NoteRevision(row.getString("note_id"), row.getLong("revision"), Sql.instant(row, "created_at"),
                row.getString("author"), row.getString("run_id"), row.getString("summary"), row.getString("title"),
                tags.isEmpty() ? List.of() : List.of(tags.split("\n")), content, row.getBytes("body").length);
    }
}
