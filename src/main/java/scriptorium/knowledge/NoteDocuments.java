package scriptorium.knowledge;

import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import scriptorium.store.Note;

/** How a note becomes a Lucene document: the field names and what each holds. */
final class NoteDocuments {

    static final String ID = "id";
    /** The owner's user id, indexed as one term: every search filters on it (issue 10). */
    static final String OWNER = "owner";
    static final String VERSION = "version";
    static final String TITLE = "title";
    static final String CONTENT = "content";
    static final String TAGS = "tags";
    static final String TAG = "tag";
    static final String VECTOR = "vector";

    /** Stored, analysed, with offsets in the postings so the unified highlighter needs no re-analysis. */
    private static final FieldType TEXT = textType();

    private NoteDocuments() {}

    static Document document(Note note, float[] vector) {
        var doc = new Document();
        doc.add(new StringField(ID, note.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(note.id())));
        doc.add(new StringField(OWNER, note.owner(), Field.Store.NO));
        doc.add(new NumericDocValuesField(VERSION, note.version()));
        doc.add(new Field(TITLE, note.title(), TEXT));
        doc.add(new Field(CONTENT, note.content(), TEXT));
        for (String tag : note.tags()) {
            doc.add(new Field(TAGS, tag, TEXT));
            doc.add(new StringField(TAG, tag, Field.Store.NO));
        }
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    /** What an embedder reads of a note: its title, then the first {@code words} words of its content. */
    static String embeddingText(Note note, int words) {
        return embeddingText(note.title(), note.content(), words);
    }

    static String embeddingText(String title, String content, int words) {
        if (words == Embedder.Use.WHOLE) {
            return title + ". " + content;
        }
        String[] split = content.strip().split("\\s+", words + 1);
        String lead = String.join(" ", Arrays.copyOf(split, Math.min(split.length, words)));
        return title + ". " + lead;
    }

    /**
     * Names what an embedder makes of a note: its model and how much of the note it reads. Kept vectors and the
     * index are keyed by it, so changing either makes them stale, never wrong.
     */
    static String recipe(Embedder embedder) {
        int words = embedder.use().noteWords();
        return embedder.modelId() + (words == Embedder.Use.WHOLE ? "/whole" : "/lead-" + words);
    }

    static List<String> tags(Document doc) {
        return Arrays.asList(doc.getValues(TAGS));
    }

    private static FieldType textType() {
        var type = new FieldType();
        type.setTokenized(true);
        type.setStored(true);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }
}
