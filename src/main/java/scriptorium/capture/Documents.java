package scriptorium.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import scriptorium.events.Mode;
import scriptorium.knowledge.Importer;
import scriptorium.knowledge.NoteDraft;
import scriptorium.knowledge.NoteException;
import scriptorium.knowledge.NotePatch;
import scriptorium.knowledge.NoteService;
import scriptorium.run.RunRequest;
import scriptorium.run.RunService;
import scriptorium.run.RunService.StartedRun;
import scriptorium.store.Change;
import scriptorium.store.Note;

/**
 * Documents dropped into the page, imported by the rules of {@code scriptorium import}: front matter (or the first
 * heading, or the file name) gives the title, a content the archive already holds is a duplicate, a bad file is
 * reported and skipped. A long document becomes linked notes (its parts, and an index note linking them), saved in
 * one transaction. Thread-safe.
 */
public final class Documents {

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final int MAX_CONTEXT_NOTES = 50;

    /** One uploaded file, as the HTTP layer read it. */
    public record Upload(String fileName, String contentType, byte[] bytes) {
        @Override
        public String toString() { // not its bytes
            return "Upload[" + fileName + ", " + contentType + ", " + bytes.length + " bytes]";
        }
    }

    /** What became of one file. */
    public sealed interface Outcome {
        String fileName();

        /** @param notes the notes created: one, or an index note first and then the parts it links */
        record Created(String fileName, String type, List<Note> notes) implements Outcome {}

        /** The archive already held this content (imported before, or the same file twice). */
        record Duplicate(String fileName, String type, Note existing) implements Outcome {}

        record Failed(String fileName, CaptureRefused reason) implements Outcome {}
    }

    private final NoteService notes;
    private final RunService runs;

    /** @param notes the archive documents go into: one owner's */
    public Documents(NoteService notes, RunService runs) {
        this.notes = notes;
        this.runs = runs;
    }

    /** Documents into {@code owner}'s archive, their summaries {@code owner}'s runs. */
    public Documents forOwner(String owner) {
        return new Documents(notes.forOwner(owner), runs);
    }

    /** Imports each file in turn; a bad one is reported and the others go on. */
    public List<Outcome> add(List<Upload> files) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Upload file : files) {
            try {
                outcomes.add(add(file));
            } catch (CaptureRefused refused) {
                outcomes.add(new Outcome.Failed(file.fileName(), refused));
            } catch (NoteException.TooLarge e) {
                outcomes.add(new Outcome.Failed(file.fileName(), new CaptureRefused(413, "content_too_large",
                        e.getMessage())));
            } catch (NoteException e) {
                outcomes.add(new Outcome.Failed(file.fileName(), new CaptureRefused(422, "invalid_document",
                        e.getMessage())));
            }
        }
        return outcomes;
    }

    /** Plume's summary of {@code noteIds}: a run ({@code start.mode} capture) given the notes as context. */
    public StartedRun summarise(List<String> noteIds, List<String> titles, String sessionId) {
        String message = "Plume, summarise the documents just imported"
                + (titles.isEmpty() ? "" : ": “" + String.join("”, “", titles) + "”") + ".";
        List<String> context = noteIds.subList(0, Math.min(noteIds.size(), MAX_CONTEXT_NOTES));
        return runs.start(new RunRequest(message, Mode.CAPTURE, sessionId, context, notes.owner()));
    }

    private Outcome add(Upload file) {
        String name = file.fileName() == null || file.fileName().isBlank() ? "document" : file.fileName();
        DocumentType type = DocumentType.of(name, file.contentType()).orElseThrow(() -> new CaptureRefused(415,
                "unsupported_type", "not a document this server takes (" + DocumentType.ACCEPTED + ")"));
        if (file.bytes().length == 0) {
            throw new CaptureRefused(400, "empty_document", "the file is empty (0 bytes)");
        }
        if (file.bytes().length > MAX_BYTES) {
            throw new CaptureRefused(413, "file_too_large", "must be at most 10 MiB (" + MAX_BYTES + " bytes), got "
                    + file.bytes().length + " bytes");
        }
        NoteDraft draft = Importer.parse(name, type.text(file.bytes()));
        if (draft.content().isBlank()) {
            throw new CaptureRefused(422, "empty_document", "the document has no text");
        }
        List<Sections.Part> parts = Sections.of(draft.title(), draft.content());
        List<NoteDraft> drafts = parts.size() == 1 ? List.of(draft) : linked(draft, parts);
        // The one note, or the last part: the index note's content changes once its links are written.
        Optional<Note> existing = notes.findByContent(drafts.getLast().content());
        if (existing.isPresent()) {
            return new Outcome.Duplicate(name, type.id(), existing.get());
        }
        List<Note> created = notes.createAll(drafts, Note.Source.IMPORT);
        return new Outcome.Created(name, type.id(), parts.size() == 1 ? created : withLinks(created));
    }

    /** An index note (its links written once the parts have ids), then each part saying what it is part of. */
    private static List<NoteDraft> linked(NoteDraft document, List<Sections.Part> parts) {
        List<NoteDraft> drafts = new ArrayList<>();
        drafts.add(new NoteDraft(document.title(), index(parts), document.tags()));
        for (int i = 0; i < parts.size(); i++) {
            Sections.Part part = parts.get(i);
            String title = part.title().equals(document.title()) ? document.title() + " (" + (i + 1) + ")"
                    : document.title() + " — " + part.title();
            drafts.add(new NoteDraft(clip(title), "*Part " + (i + 1) + " of " + parts.size() + " of “"
                    + document.title() + "”.*\n\n" + part.text(), document.tags()));
        }
        return drafts;
    }

    private List<Note> withLinks(List<Note> created) {
        Note index = created.getFirst();
        List<Note> parts = created.subList(1, created.size());
        var text = new StringBuilder("This document was split at its headings into " + parts.size() + " notes:\n\n");
        for (Note part : parts) {
            text.append("1. [").append(part.title()).append("](#note=").append(part.id()).append(")\n");
        }
        List<Note> all = new ArrayList<>();
        all.add(notes.update(index.id(), new NotePatch(null, text.toString(), null),
                Change.by(Note.Source.IMPORT, "linked its parts")));
        all.addAll(parts);
        return all;
    }

    private static String index(List<Sections.Part> parts) {
        var text = new StringBuilder("This document was split at its headings into " + parts.size() + " notes:\n\n");
        parts.forEach(part -> text.append("1. ").append(part.title()).append('\n'));
        return text.toString();
    }

    private static String clip(String title) {
        return title.length() <= 200 ? title : title.substring(0, 199) + "…";
    }
}
