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

    /**
     * Words of content embedded after the title. MiniLM costs about 0.65 ms of one core per word piece on these
     * machines (1 ms + 0.65 ms per piece, measured from 9 to 91 pieces), and its tokenizer stops at 128 pieces, so
     * the vector carries the title and the opening (what a note is about) while BM25 covers every word. Title and
     * 32 words make ~50 pieces: ~33 ms of CPU per note, ~60 notes/s at best on 2 cores.
     */
    static final int LEAD_WORDS = 32;

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

    /** What the embedder reads for a note: its title, then the first {@link #LEAD_WORDS} words. */
    static String embeddingText(Note note) {
        String[] words = note.content().strip().split("\\s+", LEAD_WORDS + 1);
        String lead = String.join(" ", Arrays.copyOf(words, Math.min(words.length, LEAD_WORDS)));
        return note.title() + ". " + lead;
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
