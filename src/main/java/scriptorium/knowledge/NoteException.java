package scriptorium.knowledge;

/**
 * Why a note operation was refused. The HTTP API maps each case to one status; the tools turn them into a
 * {@code ToolException} the model reads. Messages name the field and the limit.
 */
public abstract sealed class NoteException extends RuntimeException {

    private NoteException(String message) {
        super(message);
    }

    /** A field breaks a rule (400): e.g. "title: must be 1..200 characters after trim". */
    public static final class Invalid extends NoteException {
        private final String field;

        public Invalid(String field, String rule) {
            super(field + ": " + rule);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The content is over 1 MiB (413). */
    public static final class TooLarge extends NoteException {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** No note has this id (404). */
    public static final class NotFound extends NoteException {
        public NotFound(String id) {
            super("note " + id + " does not exist");
        }

        private NotFound(String id, long revision) {
            super("note " + id + " has no revision " + revision);
        }

        public static NotFound revision(String id, long revision) {
            return new NotFound(id, revision);
        }
    }

    /** The note changed since the caller read it (409): nothing was overwritten. */
    public static final class Conflict extends NoteException {
        private final long currentVersion;

        public Conflict(String id, long expected, long current) {
            super("note " + id + " is at version " + current + ", not " + expected + ": read it again, then update");
            this.currentVersion = current;
        }

        public long currentVersion() {
            return currentVersion;
        }
    }

    /**
     * The note's file in the vault changed since Scriptorium last read it (409): the edit is refused, and neither the
     * note nor the file is changed. The vault will import the file's new text in a moment; edit that.
     */
    public static final class FileChanged extends NoteException {
        public FileChanged(String id, String path, String how) {
            super("note " + id + ": its file " + path + " in the vault " + how + " since it was read; nothing was"
                    + " overwritten (the vault imports the file's new text in a moment: read the note again, then edit)");
        }
    }
}
