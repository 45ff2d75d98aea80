package scriptorium.knowledge;

import java.util.Collection;
import java.util.Map;
import java.util.function.BooleanSupplier;
import scriptorium.store.Note;

/**
 * The files some notes live in besides the database: the live vault's (issue 14), {@link VaultFiles}. Thread-safe.
 */
interface NoteFiles {

    /**
     * Runs {@code write} (the note's update in the database) and returns what it returns; when it succeeded and the
     * note has a file, writes {@code updated} to that file. Throws {@link NoteException.FileChanged}, before running
     * {@code write}, when the file changed since it was last read: nothing is written on either side.
     */
    boolean update(Note current, Note updated, BooleanSupplier write);

    /** The file path (in the vault, '/'-separated) of each of {@code noteIds} that has one. */
    Map<String, String> paths(Collection<String> noteIds);

    /** No note has a file. */
    NoteFiles NONE = new NoteFiles() {
        @Override
        public boolean update(Note current, Note updated, BooleanSupplier write) {
            return write.getAsBoolean();
        }

        @Override
        public Map<String, String> paths(Collection<String> noteIds) {
            return Map.of();
        }
    };
}
