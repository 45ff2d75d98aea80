package scriptorium.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.Note;
import scriptorium.store.NoteVector;
import scriptorium.store.StoreException;

/**
 * Each note's vector for the index: the one the database kept for this version of the note, else the embedder's,
 * which is then kept (unless the embedder computes faster than the database reads: {@link Embedder.Use#worthKeeping}).
 * So rebuilding the index reads vectors instead of running the model for every note. What the model read of a note
 * is part of the key ({@link NoteDocuments#recipe}): a new model, or a model reading more of a note, makes every
 * kept vector stale, never wrong. Thread-safe.
 */
final class NoteVectors {

    private static final Logger log = LoggerFactory.getLogger(NoteVectors.class);

    private final Embedder embedder;
    private final EmbeddingStore kept;
    private final String recipe;

    NoteVectors(Embedder embedder, EmbeddingStore kept) {
        this.embedder = embedder;
        this.kept = kept;
        this.recipe = NoteDocuments.recipe(embedder);
    }

    /** The vectors of {@code notes}, in their order; those the database lacks are embedded on every core. */
    List<float[]> of(List<Note> notes) {
        if (!embedder.use().worthKeeping()) {
            return embedder.embedAll(notes.stream()
                    .map(note -> NoteDocuments.embeddingText(note, embedder.use().noteWords())).toList());
        }
        Map<String, NoteVector> stored = kept.find(notes.stream().map(Note::id).toList());
        Map<String, float[]> vectors = new HashMap<>();
        List<Note> missing = new ArrayList<>();
        for (Note note : notes) {
            NoteVector found = stored.get(note.id());
            if (found != null && found.version() == note.version() && found.model().equals(recipe)
                    && found.vector().length == embedder.dimension()) {
                vectors.put(note.id(), found.vector());
            } else {
                missing.add(note);
            }
        }
        List<float[]> computed = embedder.embedAll(missing.stream()
                .map(note -> NoteDocuments.embeddingText(note, embedder.use().noteWords())).toList());
        List<NoteVector> fresh = new ArrayList<>(missing.size());
        for (int i = 0; i < missing.size(); i++) {
            Note note = missing.get(i);
            fresh.add(new NoteVector(note.id(), note.version(), recipe, computed.get(i)));
            vectors.put(note.id(), computed.get(i));
        }
        keep(fresh);
        return notes.stream().map(note -> vectors.get(note.id())).toList();
    }

    private void keep(List<NoteVector> fresh) {
        try {
            kept.save(fresh);
        } catch (StoreException e) {
            // Dropping is the design: a vector not kept is computed again if the index is ever rebuilt. Saving
            // fails when a note was deleted meanwhile, or two writers replaced one note's vector at once.
            log.warn("could not keep {} embedding(s) in the database; a rebuild will compute them again",
                    fresh.size(), e);
        }
    }
}
