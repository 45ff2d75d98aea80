package scriptorium.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.store.Note;
import scriptorium.store.VaultStore;
import scriptorium.store.VaultStore.VaultFile;

/**
 * Writing vault notes back to their files (issue 14). A note read from the vault and edited in Scriptorium (the API,
 * Plume, MCP, an undo) is written to its file only if the file still has the text it was last read with (its SHA-256
 * in {@link VaultStore}); otherwise the edit is refused before anything is written. The file is replaced atomically
 * (a hidden temporary file, then a rename) and its new hash recorded, so the watcher finds it unchanged.
 *
 * <p>A file changed in the instant between the check and the rename would be overwritten (its previous text stays in
 * the note's history): a window of a few milliseconds, which no lock can close since editors do not take one.
 */
final class VaultFiles implements NoteFiles {

    private static final Logger log = LoggerFactory.getLogger(VaultFiles.class);

    private final Path root;
    private final VaultStore files;

    VaultFiles(Path root, VaultStore files) {
        this.root = root;
        this.files = files;
    }

    @Override
    public boolean update(Note current, Note updated, BooleanSupplier write) {
        Optional<VaultFile> known = files.byNote(current.owner(), current.id());
        if (known.isEmpty()) {
            return write.getAsBoolean();
        }
        VaultFile file = known.get();
        Path path = root.resolve(file.path());
        String text;
        try {
            text = Importer.read(path);
        } catch (NoSuchFileException e) {
            throw new NoteException.FileChanged(current.id(), file.path(), "was deleted");
        } catch (IOException e) {
            throw new NoteException.FileChanged(current.id(), file.path(), "cannot be read (" + Importer.reason(e) + ")");
        }
        if (!NoteRules.hash(text).equals(file.fileHash())) {
            throw new NoteException.FileChanged(current.id(), file.path(), "changed");
        }
        if (!write.getAsBoolean()) {
            return false;
        }
        String written = FrontMatter.rewrite(text, sameHeader(path, text, updated), updated.title(), updated.tags(),
                updated.content());
        try {
            replace(path, written);
            files.put(List.of(new VaultFile(file.owner(), file.path(), file.noteId(), NoteRules.hash(written))));
        } catch (IOException e) {
            // The note is saved; its file keeps its text, which the vault imports again at its next change (the
            // edit stays in the note's history).
            log.warn("vault: could not write note {} back to {}: {}", current.id(), file.path(), Importer.reason(e));
        }
        return true;
    }

    @Override
    public Map<String, String> paths(Collection<String> noteIds) {
        return files.paths(noteIds);
    }

    /** Whether the file's front matter already gives the note's title and tags (then it is kept as it is). */
    private static boolean sameHeader(Path path, String text, Note note) {
        NoteDraft read = Importer.parse(path.getFileName().toString(), text);
        try {
            return read.title().equals(note.title()) && NoteRules.tags(read.tags()).equals(note.tags());
        } catch (NoteException e) {
            return false; // tags the note could not hold: write the note's own
        }
    }

    private static void replace(Path path, String text) throws IOException {
        // Hidden, so that the watcher never reads it as a note.
        Path temporary = path.resolveSibling("." + path.getFileName() + ".scriptorium-tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
