package scriptorium.knowledge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A static embedding: one vector per word piece of a vocabulary, each already weighted, kept as signed bytes with
 * a scale per row (a quarter of the memory of floats; the rounding is far below what averaging hundreds of pieces
 * blurs anyway). A text's vector is the sum of its pieces' rows, made unit length ({@link StaticEmbedder}).
 *
 * @param recipe     names the model it was distilled from and how: the embedder's model id
 * @param vocabulary the word pieces, row {@code i} for piece {@code i}
 * @param rows       {@code vocabulary.size() * dimension} bytes, row after row
 * @param scales     per row, the factor turning its bytes back into the weighted vector
 */
record StaticTable(String recipe, List<String> vocabulary, int dimension, byte[] rows, float[] scales) {

    private static final int MAGIC = 0x53544154;      // "STAT"

    StaticTable {
        vocabulary = List.copyOf(vocabulary);
        if (rows.length != vocabulary.size() * dimension || scales.length != vocabulary.size()) {
            throw new IllegalArgumentException("rows and scales: must hold " + vocabulary.size() + " rows of "
                    + dimension);
        }
    }

    /** Rounds each weighted vector to bytes: the largest component of a row becomes ±127. */
    static StaticTable quantize(String recipe, List<String> vocabulary, float[][] vectors) {
        int dimension = vectors[0].length;
        byte[] rows = new byte[vectors.length * dimension];
        float[] scales = new float[vectors.length];
        for (int r = 0; r < vectors.length; r++) {
            float max = 0;
            for (float value : vectors[r]) {
                max = Math.max(max, Math.abs(value));
            }
            scales[r] = max / 127f;
            for (int i = 0; i < dimension && max > 0; i++) {
                rows[r * dimension + i] = (byte) Math.round(vectors[r][i] / scales[r]);
            }
        }
        return new StaticTable(recipe, vocabulary, dimension, rows, scales);
    }

    /** The piece → row map a tokenizer needs. */
    Map<String, Integer> ids() {
        Map<String, Integer> ids = new HashMap<>(vocabulary.size() * 2);
        for (int i = 0; i < vocabulary.size(); i++) {
            ids.putIfAbsent(vocabulary.get(i), i);
        }
        return ids;
    }

    /** Adds row {@code id}, weighted, to {@code sum}. */
    void addRow(int id, float[] sum) {
        float scale = scales[id];
        int offset = id * dimension;
        for (int i = 0; i < dimension; i++) {
            sum[i] += scale * rows[offset + i];
        }
    }

    void write(OutputStream out) throws IOException {
        var data = new DataOutputStream(new BufferedOutputStream(out));
        data.writeInt(MAGIC);
        data.writeUTF(recipe);
        data.writeInt(vocabulary.size());
        data.writeInt(dimension);
        for (String piece : vocabulary) {
            data.writeUTF(piece);
        }
        for (float scale : scales) {
            data.writeFloat(scale);
        }
        data.write(rows);
        data.flush();
    }

    /** The recipe alone, from the table's first bytes: what the index checks, before the table itself is read. */
    static String readRecipe(InputStream in) throws IOException {
        var data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not a static embedding table");
        }
        return data.readUTF();
    }

    static StaticTable read(InputStream in) throws IOException {
        var data = new DataInputStream(new BufferedInputStream(in));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a static embedding table");
        }
        String recipe = data.readUTF();
        int size = data.readInt();
        int dimension = data.readInt();
        String[] vocabulary = new String[size];
        for (int i = 0; i < size; i++) {
            vocabulary[i] = data.readUTF();
        }
        float[] scales = new float[size];
        for (int i = 0; i < size; i++) {
            scales[i] = data.readFloat();
        }
        byte[] rows = new byte[size * dimension];
        data.readFully(rows);
        return new StaticTable(recipe, Arrays.asList(vocabulary), dimension, rows, scales);
    }
}
