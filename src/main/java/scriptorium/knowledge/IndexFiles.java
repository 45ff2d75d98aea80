package scriptorium.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.store.Note;
import scriptorium.store.NoteStore;

/**
 * The index folder and its writer, and how it catches up with the database: the store is the truth, so at open
 * every note whose version the index lacks is indexed again and every note the store lost is dropped. A missing,
 * unreadable or differently built index (another schema or embedding model) starts empty and is filled whole.
 */
record IndexFiles(Directory directory, IndexWriter writer, long position) {

    private static final Logger log = LoggerFactory.getLogger(IndexFiles.class);
    private static final String SCHEMA_KEY = "scriptorium.schema";
    /** The last change of the notes' feed the committed index holds (issue 11); absent in older indexes. */
    private static final String POSITION_KEY = "scriptorium.change";
    /** Bump when fields or analysis change: older indexes are then rebuilt rather than misread. */
    private static final String SCHEMA = "notes-2-owner";
    private static final int BATCH = 64;

    /** @param recipe what the vectors are ({@link NoteDocuments#recipe}): another makes the index unusable */
    static IndexFiles open(Path folder, Analyzer analyzer, String recipe) throws IOException {
        Files.createDirectories(folder);
        Directory directory = FSDirectory.open(folder);
        String schema = SCHEMA + "/" + recipe;
        boolean usable = usable(directory, schema);
        var config = new IndexWriterConfig(analyzer)
                .setOpenMode(usable ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE);
        long position = usable ? position(directory) : -1;
        IndexWriter writer = new IndexWriter(directory, config);
        writer.setLiveCommitData(commitData(schema, position).entrySet());
        if (!usable) {
            writer.commit();     // an empty index of the right schema: a crash mid-rebuild resumes, not restarts
        }
        return new IndexFiles(directory, writer, position);
    }

    /** Records {@code position} in the writer's next commit: what the index holds of the notes' feed. */
    void position(long position) {
        Map<String, String> data = new HashMap<>();
        writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        data.put(POSITION_KEY, Long.toString(position));
        writer.setLiveCommitData(data.entrySet());
    }

    private static Map<String, String> commitData(String schema, long position) {
        return position < 0 ? Map.of(SCHEMA_KEY, schema)
                : Map.of(SCHEMA_KEY, schema, POSITION_KEY, Long.toString(position));
    }

    private static long position(Directory directory) {
        try {
            String found = SegmentInfos.readLatestCommit(directory).getUserData().get(POSITION_KEY);
            return found == null ? -1 : Long.parseLong(found);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Indexes what changed in {@code store} since the last commit, through {@code put}, in batches. */
    void reconcile(NoteStore store, Consumer<List<Note>> put) throws IOException {
        long started = System.nanoTime();
        Map<String, Long> wanted = store.versions();
        Map<String, Long> indexed = indexedVersions();
        int removed = 0;
        for (String id : indexed.keySet()) {
            if (!wanted.containsKey(id)) {
                writer.deleteDocuments(new Term(NoteDocuments.ID, id));
                removed++;
            }
        }
        List<String> stale = new ArrayList<>();
        wanted.forEach((id, version) -> {
            if (!version.equals(indexed.get(id))) {
                stale.add(id);
            }
        });
        if (!stale.isEmpty()) {
            log.info("search index: indexing {} note(s) written while it was away", stale.size());
        }
        for (int from = 0; from < stale.size(); from += BATCH) {
            put.accept(store.findAny(stale.subList(from, Math.min(from + BATCH, stale.size()))));
            if (from > 0 && from % 1024 == 0) {
                log.info("search index: {} / {} notes", from, stale.size());
            }
        }
        writer.commit();
        log.info("search index: {} notes, {} re-indexed, {} removed, in {} ms", wanted.size(), stale.size(),
                removed, (System.nanoTime() - started) / 1_000_000);
    }

    private Map<String, Long> indexedVersions() throws IOException {
        Map<String, Long> versions = new HashMap<>();
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader segment = leaf.reader();
                SortedDocValues ids = DocValues.getSorted(segment, NoteDocuments.ID);
                NumericDocValues numbers = DocValues.getNumeric(segment, NoteDocuments.VERSION);
                Bits live = segment.getLiveDocs();
                for (int doc = 0; doc < segment.maxDoc(); doc++) {
                    if ((live == null || live.get(doc)) && ids.advanceExact(doc) && numbers.advanceExact(doc)) {
                        versions.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), numbers.longValue());
                    }
                }
            }
        }
        return versions;
    }

    private static boolean usable(Directory directory, String schema) {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return false;
            }
            String found = SegmentInfos.readLatestCommit(directory).getUserData().get(SCHEMA_KEY);
            if (!schema.equals(found)) {
                log.info("search index: built as {}, now {}: rebuilding it", found, schema);
                return false;
            }
            return true;
        } catch (IOException e) {
            log.warn("search index: unreadable ({}), rebuilding it from the database", e.toString());
            return false;
        }
    }
}
