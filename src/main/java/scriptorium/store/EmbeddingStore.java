package scriptorium.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The notes' embeddings (table {@code note_embeddings}): one vector per note, little-endian floats, deleted with
 * the note. Thread-safe. Throws {@link StoreException} when the database fails, or when a vector is saved for a
 * note that no longer exists.
 */
public final class EmbeddingStore {

    private final Sql sql;

    public EmbeddingStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** The vectors kept for {@code noteIds}, by note id, whatever their version or model: the caller checks. */
    public Map<String, NoteVector> find(Collection<String> noteIds) {
        Map<String, NoteVector> found = new HashMap<>();
        if (noteIds.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", Collections.nCopies(noteIds.size(), "?"));
        sql.query("SELECT note_id, version, model, vector FROM note_embeddings WHERE note_id IN (" + marks + ")",
                EmbeddingStore::vector, noteIds.toArray())
                .forEach(vector -> found.put(vector.noteId(), vector));
        return found;
    }

    /** Keeps {@code vectors}, replacing what the same notes had, in one transaction. */
    public void save(List<NoteVector> vectors) {
        if (vectors.isEmpty()) {
            return;
        }
        String marks = String.join(", ", Collections.nCopies(vectors.size(), "?"));
        sql.inTransaction("save " + vectors.size() + " embedding(s)", transaction -> {
            transaction.update("DELETE FROM note_embeddings WHERE note_id IN (" + marks + ")",
                    vectors.stream().map(NoteVector::noteId).toArray());
            transaction.batch("INSERT INTO note_embeddings (note_id, version, model, vector) VALUES (?, ?, ?, ?)",
                    vectors.stream().map(v -> new Object[] {v.noteId(), v.version(), v.model(), bytes(v.vector())})
                            .toList());
        });
    }

    private static NoteVector vector(ResultSet row) throws SQLException {
        return new NoteVector(row.getString(1), row.getLong(2), row.getString(3), floats(row.getBytes(4)));
    }

    private static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
