package scriptorium.knowledge;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import scriptorium.store.Change;
import scriptorium.store.Note;
import scriptorium.store.NoteRevision;
import scriptorium.store.RevisionStore;
import scriptorium.store.TrashStore;

/**
 * A note's past (issue 14): its revisions, each with a unified diff from the one before, undoing by restoring an
 * earlier revision (a new revision: nothing is rewritten), and the trash deleted notes wait in for
 * {@link #TRASH_RETENTION} before they are purged. Thread-safe; throws {@link NoteException} for an unknown note
 * or revision.
 */
public final class NoteHistory {

    public static final Duration TRASH_RETENTION = Duration.ofDays(30);

    /** A revision and what changed since the one before: a unified diff of title, tags and content. */
    public record Revision(NoteRevision revision, String diff) {}

    private final NoteService notes;
    private final RevisionStore revisions;
    private final TrashStore trash;

    /** @param notes the archive whose history this is: one owner's (issue 10) */
    public NoteHistory(NoteService notes, RevisionStore revisions, TrashStore trash) {
        this.notes = notes;
        this.revisions = revisions;
        this.trash = trash;
    }

    /** The history of {@code owner}'s archive: another user's notes, revisions and trash are not found. */
    public NoteHistory forOwner(String owner) {
        return owner.equals(notes.owner()) ? this : new NoteHistory(notes.forOwner(owner), revisions, trash);
    }

    /** Newest first; a note in the trash keeps its history. */
    public List<NoteRevision> list(String noteId) {
        checkOwned(noteId);
        return revisions.list(noteId);
    }

    public Revision get(String noteId, long number) {
        checkOwned(noteId);
        NoteRevision revision = revisions.find(noteId, number)
                .orElseThrow(() -> NoteException.NotFound.revision(noteId, number));
        NoteRevision before = number > 1 ? revisions.find(noteId, number - 1).orElse(null) : null;
        return new Revision(revision, diff(before, revision));
    }

    /** The revisions a run's agents wrote in this owner's notes: what its answer links to. */
    public List<NoteRevision> byRun(String runId) {
        return revisions.byRun(runId).stream().filter(revision -> owns(revision.noteId())).toList();
    }

    /** A note of this owner, live or in the trash: revisions are read through it, never by id alone. */
    private boolean owns(String noteId) {
        return notes.find(noteId).isPresent() || trash.find(notes.owner(), noteId).isPresent();
    }

    private void checkOwned(String noteId) {
        if (!owns(noteId)) {
            throw new NoteException.NotFound(noteId);
        }
    }

    /** Makes revision {@code number} the note's content again, as a new revision by {@code who}. */
    public Note restore(String noteId, long number, Change who) {
        NoteRevision old = revisions.find(noteId, number)
                .orElseThrow(() -> NoteException.NotFound.revision(noteId, number));
        Note current = notes.get(noteId);
        return notes.update(noteId, current.version(), new NotePatch(old.title(), old.content(), old.tags()),
                who.summarised("restored revision " + number));
    }

    public List<TrashStore.Trashed> trash(int limit, int offset) {
        if (limit < 1 || limit > NoteService.MAX_LIMIT) {
            throw new NoteException.Invalid("limit", "must be 1.." + NoteService.MAX_LIMIT);
        }
        return trash.list(notes.owner(), limit, offset);
    }

    public long trashed() {
        return trash.count(notes.owner());
    }

    /** Brings a note back from the trash as its next version, searchable again. */
    public Note untrash(String noteId, Change who) {
        Note trashed = trash.find(notes.owner(), noteId).orElseThrow(() -> new NoteException.NotFound(noteId)).note();
        var restored = new Note(trashed.id(), trashed.owner(), trashed.title(), trashed.content(), trashed.tags(), trashed.source(),
                trashed.contentHash(), trashed.version() + 1, trashed.createdAt(), notes.now());
        if (!trash.restore(restored, who.summarised("restored from the trash"))) {
            throw new NoteException.NotFound(noteId); // restored or purged meanwhile
        }
        notes.indexed(restored);
        return restored;
    }

    /** Drops the notes deleted more than {@link #TRASH_RETENTION} ago; returns how many. */
    public int purge() {
        return trash.purge(notes.now().minus(TRASH_RETENTION));
    }

    /** Title, tags and content as one text, so that one diff shows every change. */
    private static List<String> lines(NoteRevision revision) {
        if (revision == null) {
            return List.of();
        }
        var lines = new ArrayList<>(List.of("title: " + revision.title(),
                "tags: " + String.join(", ", revision.tags()), ""));
        lines.addAll(Arrays.asList(revision.content().split("\n", -1)));
        return lines;
    }

    static String diff(NoteRevision before, NoteRevision after) {
        List<String> from = lines(before);
        List<String> to = lines(after);
        long was = before == null ? 0 : before.number();
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("revision " + was,
                "revision " + after.number(), from, DiffUtils.diff(from, to), 3);
        return unified.isEmpty() ? "" : String.join("\n", unified) + "\n";
    }

}
