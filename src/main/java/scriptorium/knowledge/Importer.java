package scriptorium.knowledge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import scriptorium.store.Note;

/**
 * Imports a folder of Markdown and text files (an Obsidian vault, say) as notes. Front matter gives the title and
 * tags; else the first heading, else the file name. A file whose content the archive already holds is skipped
 * (SHA-256 of the content), so importing the same folder twice adds nothing. A bad file is reported and skipped.
 * Hidden folders ({@code .obsidian}, {@code .git}, {@code .trash}) are not read.
 */
public final class Importer {

    /** A note's largest content: 1 MiB of UTF-8. */
    public static final int MAX_CONTENT_BYTES = NoteRules.MAX_CONTENT_BYTES;

    /** Told of each file once it is done (its batch saved, or it was skipped): how many of how many. */
    public interface Progress {
        void update(int done, int total);
    }

    private static final Set<String> EXTENSIONS = Set.of("md", "markdown", "txt", "text");
    /**
     * Notes per batch: one query for the contents already held, four transactions, one hand-over to the index. (When
     * each batch was an index commit and segment, 1,024 took about 15 % less CPU per note than 256; the index now
     * takes every batch into one bulk load, {@link SearchIndex#bulk}.)
     */
    private static final int BATCH = 1024;
    /**
     * Notes per database transaction, a quarter of a batch: the database alone took less CPU per note in
     * transactions of 256 than of 1,024 (0.46 against 0.53 ms at 10,000 notes), and a shorter transaction holds the
     * change feed's lock, which every other note write waits for, a quarter as long.
     */
    private static final int TRANSACTION = 256;
    /**
     * Batches on their way at once: one being stored while the index takes the one before, and files read meanwhile
     * on the calling thread; more would only hold more notes in memory.
     */
    private static final int IN_FLIGHT = 2;

    private final NoteService notes;

    public Importer(NoteService notes) {
        this.notes = notes;
    }

    /**
     * Imports {@code path} (a folder, or one file). Throws {@link IOException} only if the folder cannot be listed.
     * A batch is stored in the database while the index takes the batch before (its embedding, analysis and vector
     * graph), so that both cores are busy, and files are read meanwhile.
     */
    public ImportReport run(Path path, Progress progress) throws IOException {
        return importAll(filesIn(path).stream().<Source>map(file -> new Source(file, () -> read(file))).toList(),
                progress);
    }

    /**
     * Imports files a client read and sent ({@code scriptorium import} while the server runs), by the same rules
     * as a folder: each path names its file in the report and gives the title when there is no front matter.
     */
    public ImportReport run(List<TextFile> files) {
        return importAll(files.stream().map(file -> new Source(file.path(), file::content)).toList(),
                (done, all) -> { });
    }

    /** A file's contents as one client sent them. */
    public record TextFile(Path path, String content) {}

    /** A file to import: its path and how to read its text. */
    private record Source(Path file, Text text) {}

    private interface Text {
        String read() throws IOException;
    }

    private ImportReport importAll(List<Source> files, Progress progress) {
        var tally = new Tally(progress, files.size());
        Set<String> seen = new HashSet<>();
        List<NoteDraft> drafts = new ArrayList<>();
        List<Path> read = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        Deque<Saving> saving = new ArrayDeque<>();
        // One thread per stage: batches are stored one after the other (two transactions at once would only wait
        // for each other's lock on the change feed, and fail past H2's lock timeout) and indexed in the same order,
        // each once it is stored.
        // The bulk closes last, once both stages are done: every note imported is searchable when this returns.
        try (SearchIndex.Bulk indexed = notes.bulkIndex();
             ExecutorService database = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
             ExecutorService searchIndex = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory())) {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i).file();
                try {
                    NoteDraft draft = draft(file, files.get(i).text().read());
                    String hash = NoteRules.hash(draft.content());
                    if (seen.add(hash)) {
                        drafts.add(draft);
                        read.add(file);
                        hashes.add(hash);
                    } else {
                        tally.skipped++;
                    }
                } catch (IOException | NoteException e) {
                    tally.failed.add(new ImportReport.Failure(file, reason(e)));
                }
                boolean last = i == files.size() - 1;
                if (drafts.size() == BATCH || last) {
                    // What the archive already holds is skipped: one query for the batch, not one per file.
                    Set<String> held = notes.existingContents(hashes);
                    var batch = new ArrayList<NoteDraft>();
                    var batchFiles = new ArrayList<Path>();
                    var batchHashes = new ArrayList<String>();
                    for (int d = 0; d < drafts.size(); d++) {
                        if (held.contains(hashes.get(d))) {
                            tally.skipped++;
                        } else {
                            batch.add(drafts.get(d));
                            batchFiles.add(read.get(d));
                            batchHashes.add(hashes.get(d));
                        }
                    }
                    Future<Stored> stored = database.submit(() -> store(batch, batchHashes, batchFiles));
                    saving.add(new Saving(searchIndex.submit(() -> index(indexed, result(stored))), i + 1));
                    drafts.clear();
                    read.clear();
                    hashes.clear();
                }
                while (saving.size() > IN_FLIGHT || (last && !saving.isEmpty())) {
                    tally.add(saving.remove());
                }
            }
        }
        return new ImportReport(tally.imported, tally.skipped, tally.failed);
    }

    /** What saving one batch gave: how many notes were created, and the files refused. */
    private record Saved(int count, List<ImportReport.Failure> failed) {}

    /** A batch being saved, and how many files are done once it is. */
    private record Saving(Future<Saved> saved, int filesDone) {}

    /** The counts of one import so far, told to its {@link Progress} file by file as batches are saved. */
    private static final class Tally {
        final List<ImportReport.Failure> failed = new ArrayList<>();
        final Progress progress;
        final int total;
        int imported;
        int skipped;
        int reported;

        Tally(Progress progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        /** Waits for the batch to be saved. */
        void add(Saving saving) {
            Saved saved = result(saving.saved());
            imported += saved.count();
            failed.addAll(saved.failed());
            while (reported < saving.filesDone()) {
                progress.update(++reported, total);
            }
        }
    }

    /** A batch in the database: the notes left to index, and what saving it gave. */
    private record Stored(List<Note> unindexed, Saved saved) {}

    /** @param hashes each draft's content hash, computed once: to skip duplicates, then stored */
    private Stored store(List<NoteDraft> drafts, List<String> hashes, List<Path> files) {
        List<Note> stored = new ArrayList<>();
        int savedAlone = 0;
        List<ImportReport.Failure> failed = new ArrayList<>();
        for (int from = 0; from < drafts.size(); from += TRANSACTION) {
            int to = Math.min(drafts.size(), from + TRANSACTION);
            try {
                stored.addAll(notes.store(drafts.subList(from, to), hashes.subList(from, to), Note.Source.IMPORT));
            } catch (NoteException e) {
                // A draft broke a rule the pre-check missed: save these one by one (stored and indexed) to name it.
                for (int i = from; i < to; i++) {
                    try {
                        notes.create(drafts.get(i), Note.Source.IMPORT);
                        savedAlone++;
                    } catch (NoteException single) {
                        failed.add(new ImportReport.Failure(files.get(i), single.getMessage()));
                    }
                }
            }
        }
        return new Stored(stored, new Saved(stored.size() + savedAlone, failed));
    }

    private static Saved index(SearchIndex.Bulk indexed, Stored stored) {
        if (!stored.unindexed().isEmpty()) {
            indexed.put(stored.unindexed());
        }
        return stored.saved();
    }

    /** What a stage gave, once it is done; its failure rethrown as it was thrown. */
    private static <T> T result(Future<T> stage) {
        try {
            return stage.get();
        } catch (InterruptedException e) {
            stage.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    static NoteDraft draft(Path file) throws IOException {
        return draft(file, read(file));
    }

    /** A file's text: strict UTF-8, so that a binary or mis-encoded file is refused rather than garbled. */
    public static String read(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }

    /** The note a file's text makes; refuses binary text (NUL bytes) and content over the limit. */
    static NoteDraft draft(Path file, String text) throws IOException {
        if (text.indexOf('\0') >= 0) {
            throw new IOException("binary content (NUL bytes), not a text file");
        }
        NoteDraft parsed = parse(file.getFileName().toString(), text);
        return new NoteDraft(parsed.title(), NoteRules.content(parsed.content()), parsed.tags());
    }

    /**
     * A file's text as a note, by the rules of an import: front matter gives the title and tags, else the first
     * heading, else the file name; the title is cut to its limit, tags past theirs are dropped. The content is not
     * checked yet (a capture may split a long document before it is): {@link NoteService#create} checks it.
     */
    public static NoteDraft parse(String fileName, String text) {
        FrontMatter parsed = FrontMatter.parse(text);
        String name = fileName.replaceFirst("\\.[^.]+$", "");
        String title = parsed.titleOr(name).strip();
        if (title.length() > NoteRules.MAX_TITLE) {
            title = title.substring(0, NoteRules.MAX_TITLE - 1) + "…";
        }
        List<String> tags = parsed.tags().stream()
                .filter(tag -> tag.length() <= NoteRules.MAX_TAG)
                .limit(NoteRules.MAX_TAGS)
                .toList();
        return new NoteDraft(title.isEmpty() ? name : title, parsed.body().strip(), tags);
    }

    /** The files an import of {@code path} reads: text and Markdown files, outside hidden folders, sorted. */
    public static List<Path> filesIn(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(file -> !hidden(path.relativize(file)))
                    .filter(Files::isRegularFile)
                    .filter(Importer::textFile)
                    .sorted()
                    .toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean textFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Why a file could not be read, as an import report says it. */
    public static String reason(Exception e) {
        return switch (e) {
            case CharacterCodingException c -> "not valid UTF-8 text";
            case java.nio.file.AccessDeniedException a -> "cannot be read (permission denied)";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
