package scriptorium.knowledge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import scriptorium.store.Note;

/**
 * Imports a folder of Markdown and text files (an Obsidian vault, say) as notes. Front matter gives the title and
 * tags; else the first heading, else the file name. A file whose content the archive already holds is skipped
 * (SHA-256 of the content), so importing the same folder twice adds nothing. A bad file is reported and skipped.
 * Hidden folders ({@code .obsidian}, {@code .git}, {@code .trash}) are not read.
 */
public final class Importer {

    /** Told after each file: how many of how many are done. */
    public interface Progress {
        void update(int done, int total);
    }

    private static final Set<String> EXTENSIONS = Set.of("md", "markdown", "txt", "text");
    private static final int BATCH = 64;

    private final NoteService notes;

    public Importer(NoteService notes) {
        this.notes = notes;
    }

    /** Imports {@code path} (a folder, or one file). Throws {@link IOException} only if the folder cannot be listed. */
    public ImportReport run(Path path, Progress progress) throws IOException {
        List<Path> files = files(path);
        List<ImportReport.Failure> failed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<NoteDraft> batch = new ArrayList<>();
        List<Path> batchFiles = new ArrayList<>();
        int imported = 0;
        int skipped = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                NoteDraft draft = draft(file);
                if (!seen.add(NoteRules.hash(draft.content())) || notes.findByContent(draft.content()).isPresent()) {
                    skipped++;
                } else {
                    batch.add(draft);
                    batchFiles.add(file);
                }
            } catch (IOException | NoteException e) {
                failed.add(new ImportReport.Failure(file, reason(e)));
            }
            if (batch.size() == BATCH || i == files.size() - 1) {
                imported += save(batch, batchFiles, failed);
                batch.clear();
                batchFiles.clear();
            }
            progress.update(i + 1, files.size());
        }
        return new ImportReport(imported, skipped, failed);
    }

    private int save(List<NoteDraft> drafts, List<Path> files, List<ImportReport.Failure> failed) {
        if (drafts.isEmpty()) {
            return 0;
        }
        try {
            return notes.createAll(drafts, Note.Source.IMPORT).size();
        } catch (NoteException e) {
            // One draft broke a rule the pre-check missed: save them one by one to name the file.
            int saved = 0;
            for (int i = 0; i < drafts.size(); i++) {
                try {
                    notes.create(drafts.get(i), Note.Source.IMPORT);
                    saved++;
                } catch (NoteException single) {
                    failed.add(new ImportReport.Failure(files.get(i), single.getMessage()));
                }
            }
            return saved;
        }
    }

    static NoteDraft draft(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        if (text.indexOf('\0') >= 0) {
            throw new IOException("binary content (NUL bytes), not a text file");
        }
        FrontMatter parsed = FrontMatter.parse(text);
        String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        String title = parsed.titleOr(name).strip();
        if (title.length() > NoteRules.MAX_TITLE) {
            title = title.substring(0, NoteRules.MAX_TITLE - 1) + "…";
        }
        List<String> tags = parsed.tags().stream()
                .filter(tag -> tag.length() <= NoteRules.MAX_TAG)
                .limit(NoteRules.MAX_TAGS)
                .toList();
        String content = NoteRules.content(parsed.body().strip());
        return new NoteDraft(title.isEmpty() ? name : title, content, tags);
    }

    private static List<Path> files(Path path) throws IOException {
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

    private static boolean textFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String reason(Exception e) {
        return switch (e) {
            case CharacterCodingException c -> "not valid UTF-8 text";
            case java.nio.file.AccessDeniedException a -> "cannot be read (permission denied)";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
