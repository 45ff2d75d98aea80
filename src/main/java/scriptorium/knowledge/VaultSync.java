package scriptorium.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.store.Change;
import scriptorium.store.Note;
import scriptorium.store.VaultStore;
import scriptorium.store.VaultStore.VaultFile;

/**
 * Brings part of the archive in line with part of the vault folder (issue 14): the whole folder at start, the paths
 * the watcher saw change after. A file is compared with the text it had when last read by its SHA-256, so an unchanged
 * file costs a read and nothing else. A new file becomes a note (or, if the archive already has its text and that
 * note has no file, is that note); a changed one updates its note; a file gone while a new one with its very text
 * appeared was renamed or moved, and keeps its note; a file gone for good sends its note to the trash. Every change
 * is a revision by {@code vault}. Files are parsed as {@link Importer} parses them. Not thread-safe: one
 * {@link Vault} thread runs it.
 */
final class VaultSync {

    private static final Logger log = LoggerFactory.getLogger(VaultSync.class);
    /** Notes created per transaction: the importer's batch. */
    private static final int BATCH = 256;

    private final Path root;
    private final NoteService notes;
    private final VaultStore files;
    private final VaultStatus.Counter counter;

    VaultSync(Path root, NoteService notes, VaultStore files, VaultStatus.Counter counter) {
        this.root = root;
        this.notes = notes;
        this.files = files;
        this.counter = counter;
    }

    /** A file read: its path in the vault ('/'-separated), text and hash. */
    private record Read(String path, Path file, String text, String hash) {}

    /** Syncs the files at or under each of {@code scopes} (absolute paths in the vault, existing or not). */
    void sync(Collection<Path> scopes) {
        Map<String, Path> present = new LinkedHashMap<>();
        Map<String, VaultFile> known = new HashMap<>();
        list(scopes, present, known);
        counter.started(present.size());
        List<Read> added = new ArrayList<>();
        List<Read> changed = new ArrayList<>();
        sort(present, known, added, changed);
        added = moved(added, known.values());
        known.values().forEach(this::trash);
        for (Read read : changed) {
            try {
                update(read);
            } catch (NoteException e) { // edited in Scriptorium at this very moment: the file's next change retries
                skipped(read.path(), e.getMessage());
            }
        }
        create(added);
    }

    /** The text files under {@code scopes} into {@code present}, the files the archive knows there into {@code known}. */
    private void list(Collection<Path> scopes, Map<String, Path> present, Map<String, VaultFile> known) {
        for (Path scope : scopes) {
            String path = relative(scope);
            Map<String, Path> found = path == null ? null : textFiles(scope);
            if (found == null) {
                continue; // outside the vault, or could not be listed: nothing under it is taken for gone
            }
            present.putAll(found);
            files.under(notes.owner(), path).forEach(file -> known.put(file.path(), file));
        }
    }

    /**
     * Reads each present file into {@code added} (unknown), {@code changed} (known, another hash) or nothing (known,
     * same hash), and removes it from {@code known}: what is left there is gone from the folder.
     */
    private void sort(Map<String, Path> present, Map<String, VaultFile> known, List<Read> added, List<Read> changed) {
        for (Map.Entry<String, Path> entry : present.entrySet()) {
            stopIfInterrupted();
            Read read = read(entry.getKey(), entry.getValue());
            VaultFile file = known.remove(entry.getKey());
            if (read == null) {
                continue;
            }
            if (file == null) {
                added.add(read);
            } else if (file.fileHash().equals(read.hash())) {
                counter.done(1);
            } else {
                changed.add(read);
            }
        }
    }

    /** The files among {@code added} that are {@code gone} ones renamed (same text): each keeps its note. */
    private List<Read> moved(List<Read> added, Collection<VaultFile> gone) {
        Map<String, Deque<VaultFile>> byHash = new HashMap<>();
        gone.forEach(file -> byHash.computeIfAbsent(file.fileHash(), h -> new ArrayDeque<>()).add(file));
        List<Read> reallyAdded = new ArrayList<>();
        for (Read read : added) {
            Deque<VaultFile> same = byHash.get(read.hash());
            if (same == null || same.isEmpty()) {
                reallyAdded.add(read);
                continue;
            }
            VaultFile was = same.remove();
            gone.remove(was);
            files.put(List.of(new VaultFile(notes.owner(), read.path(), was.noteId(), read.hash())));
            notes.find(was.noteId()).ifPresent(note -> notes.link(List.of(note)));
            log.info("vault: {} moved to {} (note {})", was.path(), read.path(), was.noteId());
            counter.moved();
        }
        return reallyAdded;
    }

    private void trash(VaultFile gone) {
        files.remove(notes.owner(), gone.path());
        if (notes.find(gone.noteId()).isPresent()) {
            try {
                notes.delete(gone.noteId());
                log.info("vault: {} deleted: note {} moved to the trash", gone.path(), gone.noteId());
                counter.trashed();
            } catch (NoteException.NotFound | NoteException.Conflict e) {
                log.debug("vault: note {} of {} changed or went meanwhile: left as it is", gone.noteId(), gone.path());
            }
        }
    }

    private void update(Read read) {
        NoteDraft draft = draft(read);
        if (draft == null) {
            return;
        }
        VaultFile file = files.byPath(notes.owner(), read.path()).orElseThrow();
        Optional<Note> note = notes.find(file.noteId());
        if (note.isEmpty()) { // in the trash: the file's new text is a new note
            create(List.of(read));
            return;
        }
        Note current = note.get();
        if (!current.title().equals(draft.title()) || !current.content().equals(draft.content())
                || !current.tags().equals(NoteRules.tags(draft.tags()))) {
            notes.update(current.id(), current.version(), new NotePatch(draft.title(), draft.content(), draft.tags()),
                    Change.by(Note.Source.VAULT, "changed in the vault"));
            log.info("vault: {} changed: note {} updated", read.path(), current.id());
            counter.updated();
        }
        files.put(List.of(new VaultFile(notes.owner(), read.path(), current.id(), read.hash())));
        counter.done(1);
    }

    /** New notes for {@code added}, a batch at a time; a file whose text the archive has (and no file) adopts it. */
    private void create(List<Read> added) {
        List<NoteDraft> drafts = new ArrayList<>();
        List<Read> reads = new ArrayList<>();
        for (Read read : added) {
            stopIfInterrupted();
            NoteDraft draft = draft(read);
            if (draft == null) {
                continue;
            }
            Optional<Note> same = notes.findByContent(draft.content());
            if (same.isPresent() && files.byNote(notes.owner(), same.get().id()).isEmpty()) {
                files.put(List.of(new VaultFile(notes.owner(), read.path(), same.get().id(), read.hash())));
                notes.link(List.of(same.get()));
                counter.done(1);
                continue;
            }
            drafts.add(draft);
            reads.add(read);
            if (drafts.size() == BATCH) {
                save(drafts, reads);
            }
        }
        save(drafts, reads);
    }

    private void save(List<NoteDraft> drafts, List<Read> reads) {
        if (drafts.isEmpty()) {
            return;
        }
        // The files are recorded first, so that a note is never seen without its file (an edit made at once is
        // written back) and its links are written knowing its path.
        List<VaultFile> rows = new ArrayList<>();
        for (Read read : reads) {
            rows.add(new VaultFile(notes.owner(), read.path(), UUID.randomUUID().toString(), read.hash()));
        }
        files.put(rows);
        List<Note> created;
        try {
            created = notes.createAll(drafts, Change.by(Note.Source.VAULT, "imported from the vault"),
                    rows.stream().map(VaultFile::noteId).toList());
        } catch (RuntimeException e) {
            rows.forEach(row -> files.remove(row.owner(), row.path())); // else the files would pass for imported
            throw e;
        }
        if (created.size() == 1) {
            log.info("vault: {} added: note {}", reads.getFirst().path(), created.getFirst().id());
        }
        counter.imported(created.size());
        drafts.clear();
        reads.clear();
    }

    /** The server is stopping: a first sync of a large vault ends here, and goes on at the next start. */
    private static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("the vault is closing");
        }
    }

    /** The file's text, or null (logged, counted) when it cannot be read as text. */
    private Read read(String path, Path file) {
        try {
            String text = Importer.read(file);
            return new Read(path, file, text, NoteRules.hash(text));
        } catch (IOException e) {
            skipped(path, Importer.reason(e));
            return null;
        }
    }

    /** The note a file makes, or null (logged, counted) when it cannot be one (binary, too large). */
    private NoteDraft draft(Read read) {
        try {
            NoteDraft draft = Importer.draft(read.file(), read.text());
            NoteRules.title(draft.title());
            NoteRules.tags(draft.tags());
            return draft;
        } catch (IOException e) {
            skipped(read.path(), Importer.reason(e));
        } catch (NoteException e) {
            skipped(read.path(), e.getMessage());
        }
        return null;
    }

    private void skipped(String path, String reason) {
        log.warn("vault: skipped {}: {}", path, reason);
        counter.failed();
    }

    /** The text files at or under {@code scope}, by vault path (none when it is gone or hidden); null when unreadable. */
    private Map<String, Path> textFiles(Path scope) {
        Map<String, Path> found = new LinkedHashMap<>();
        if (!Files.exists(scope) || hidden(relative(scope))) {
            return found;
        }
        try {
            for (Path file : Files.isDirectory(scope) ? Importer.filesIn(scope) : List.of(scope)) {
                String path = relative(file);
                if (path != null && !hidden(path) && Importer.textFile(file) && Files.isRegularFile(file)) {
                    found.put(path, file);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // A folder that cannot be read, or went while being listed: the rest of the vault goes on, and its files
            // are judged at its next change or the next start, never taken for deleted on a failed listing.
            log.warn("vault: could not list {}: {}", scope, Importer.reason(e));
            return null;
        }
        return found;
    }

    /** {@code file}'s path in the vault, '/'-separated ("" for the root), or null outside it. */
    String relative(Path file) {
        Path normal = file.toAbsolutePath().normalize();
        if (!normal.startsWith(root)) {
            return null;
        }
        return root.relativize(normal).toString().replace(java.io.File.separatorChar, '/');
    }

    static boolean hidden(String path) {
        for (String part : path.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
