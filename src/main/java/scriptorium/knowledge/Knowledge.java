package scriptorium.knowledge;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.agent.ContextNotes;
import scriptorium.agent.Tool;
import scriptorium.run.Agent;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.NoteStore;

/**
 * The archive, wired: the notes in the database, the embedding model, the search index under
 * {@code dataDir/index}, the service over them and the agents' tools. App opens one at start and closes it at stop.
 */
public final class Knowledge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Knowledge.class);
    /** Per context note: enough for a few pages, while ten notes still fit any model's context window. */
    private static final int CONTEXT_CHARS = 8_000;

    private final Embedder embedder;
    private final SearchIndex index;
    private final NoteService notes;
    private final List<Tool> mimirTools;
    private final List<Tool> plumeTools;

    private Knowledge(Embedder embedder, SearchIndex index, NoteService notes) {
        this.embedder = embedder;
        this.index = index;
        this.notes = notes;
        this.mimirTools = List.of(new SearchKnowledgeTool(notes), new RelatedContentTool(notes));
        this.plumeTools = List.of(new CreateNoteTool(notes), new UpdateNoteTool(notes));
    }

    /** Loads the embedding model and opens (or rebuilds) the index; blocks until search is up to date. */
    public static Knowledge open(Path dataDir, DataSource dataSource) {
        long started = System.nanoTime();
        var store = new NoteStore(dataSource);
        Embedder embedder = StaticEmbedder.fromClassPath();
        SearchIndex index;
        try {
            index = LuceneSearchIndex.open(dataDir.resolve("index"), embedder, store, new EmbeddingStore(dataSource));
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
        log.info("knowledge ready: {} notes searchable in {} ms", index.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new Knowledge(embedder, index, new NoteService(store, index, Clock.systemUTC()));
    }

    public NoteService notes() {
        return notes;
    }

    /** The notes of a request's {@code context_ids}, each as a titled section the agents can cite. */
    public ContextNotes contextNotes() {
        return noteIds -> {
            if (noteIds.isEmpty()) {
                return "";
            }
            var text = new StringBuilder();
            for (var note : notes.find(noteIds)) {
                String content = note.content().length() <= CONTEXT_CHARS ? note.content()
                        : note.content().substring(0, CONTEXT_CHARS) + " […]";
                text.append(text.isEmpty() ? "Notes given as context:\n\n" : "\n\n")
                        .append("## ").append(note.title()).append(" (note ").append(note.id()).append(")\n")
                        .append(content);
            }
            return text.toString();
        };
    }

    /** What each agent may do to the archive: Mimir reads it, Plume writes it; the user has no tools. */
    public List<Tool> tools(Agent agent) {
        return switch (agent) {
            case MIMIR -> mimirTools;
            case PLUME -> plumeTools;
            case USER -> List.of();
        };
    }

    @Override
    public void close() {
        try (embedder) {
            index.close();
        }
    }
}
