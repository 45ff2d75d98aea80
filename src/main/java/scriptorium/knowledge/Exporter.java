package scriptorium.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import scriptorium.store.Note;
import scriptorium.store.NoteStore;

/**
 * Writes every note as a Markdown file with front matter (title, tags, id, dates), which {@link Importer} reads
 * back: exporting then importing into an empty archive gives the same titles, tags and contents.
 */
public final class Exporter {

    private final Consumer<Consumer<Note>> notes;

    /** Reads {@code owner}'s notes from the store directly: an export needs neither the index nor the model. */
    public Exporter(NoteStore notes, String owner) {
        this.notes = each -> notes.forEach(owner, each);
    }

    /** Reads through one owner's service: the server's export route, while the server holds the store. */
    public Exporter(NoteService notes) {
        this.notes = notes::forEach;
    }

    /** Writes into {@code folder} (created if needed) and returns how many notes were written. */
    public int run(Path folder) throws IOException {
        Files.createDirectories(folder);
        try {
            return each((name, markdown) -> write(folder.resolve(name), markdown));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Gives every note, in id order, as a file name (unique among them, ending in {@code .md}, no folder) and its
     * Markdown; returns how many. What {@link #run} writes, for a client that writes the files itself.
     */
    public int each(BiConsumer<String, String> file) {
        Set<String> used = new HashSet<>();
        int[] written = {0};
        notes.accept(note -> {
            String name = slug(note.title());
            if (!used.add(name)) {
                name = name + "-" + note.id().substring(0, Math.min(8, note.id().length()));
                used.add(name);
            }
            file.accept(name + ".md", markdown(note));
            written[0]++;
        });
        return written[0];
    }

    static String markdown(Note note) {
        String tags = note.tags().stream().map(FrontMatter::quote).collect(Collectors.joining(", ", "[", "]"));
        return "---\n"
                + "title: " + FrontMatter.quote(note.title()) + "\n"
                + "tags: " + tags + "\n"
                + "id: " + note.id() + "\n"
                + "source: " + note.source().id() + "\n"
                + "created: " + note.createdAt() + "\n"
                + "updated: " + note.updatedAt() + "\n"
                + "---\n"
                + note.content() + (note.content().endsWith("\n") ? "" : "\n");
    }

    /** A portable file name: accents folded, lower case, letters and digits joined by dashes. */
    static String slug(String title) {
        String folded = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "note" : slug;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
