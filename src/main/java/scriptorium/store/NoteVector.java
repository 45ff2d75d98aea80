package scriptorium.store;

/**
 * A note's embedding as {@link EmbeddingStore} keeps it: computed from version {@code version} of the note by
 * {@code model} (which names what of the note was read, too).
 */
public record NoteVector(String noteId, long version, String model, float[] vector) {

    public NoteVector {
        if (vector.length == 0) {
            throw new IllegalArgumentException("vector: must not be empty");
        }
    }
}
