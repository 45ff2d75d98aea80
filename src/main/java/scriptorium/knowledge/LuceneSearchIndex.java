package scriptorium.knowledge;

import static scriptorium.knowledge.NoteDocuments.CONTENT;
import static scriptorium.knowledge.NoteDocuments.ID;
import static scriptorium.knowledge.NoteDocuments.OWNER;
import static scriptorium.knowledge.NoteDocuments.TAGS;
import static scriptorium.knowledge.NoteDocuments.TITLE;
import static scriptorium.knowledge.NoteDocuments.VECTOR;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import scriptorium.knowledge.RankFusion.Fused;
import scriptorium.knowledge.RankFusion.Ranked;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.Note;
import scriptorium.store.NoteStore;

/**
 * Hybrid search over a Lucene index under the data folder: BM25 over title, content and tags, plus HNSW nearest
 * neighbours over the embedder's vectors, fused by reciprocal rank. Near-real-time: each write refreshes the searcher,
 * and is committed, so a restart only re-indexes what changed while the index was away ({@link IndexFiles}); a bulk
 * load (an import) refreshes and commits once, at its end.
 */
public final class LuceneSearchIndex implements SearchIndex {

    private static final int SNIPPET_CHARS = 280;
    private static final Pattern HEADING_MARKS = Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}[ \\t]+");

    private final IndexFiles files;
    private volatile long position;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Embedder embedder;
    private final NoteVectors vectors;
    private final Analyzer analyzer;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** What open bulk loads added and no searcher shows yet: id → version, so the feed indexes none of it again. */
    private final Map<String, Long> unpublished = new ConcurrentHashMap<>();

    private LuceneSearchIndex(IndexFiles files, Embedder embedder, NoteVectors vectors, Analyzer analyzer)
            throws IOException {
        this.files = files;
        this.position = files.position();
        this.directory = files.directory();
        this.writer = files.writer();
        this.searchers = new SearcherManager(writer, null);
        this.embedder = embedder;
        this.vectors = vectors;
        this.analyzer = analyzer;
    }

    /**
     * Opens the index in {@code folder}, creating it if missing and rebuilding it if it was made by another
     * schema or model, then brings it in line with {@code store}. Blocks until it is: seconds for a large, missing
     * index when {@code embeddings} kept the notes' vectors, minutes when every note must be embedded again.
     */
    public static LuceneSearchIndex open(Path folder, Embedder embedder, NoteStore store, EmbeddingStore embeddings) {
        var analyzer = new NoteAnalyzer();
        try {
            IndexFiles files = IndexFiles.open(folder, analyzer, NoteDocuments.recipe(embedder));
            var index = new LuceneSearchIndex(files, embedder, new NoteVectors(embedder, embeddings), analyzer);
            if (files.position() < 0) { // new, rebuilt, or older than the feed: compare every note's version
                long head = store.head().change(); // read first: the notes read next hold every change up to it
                files.reconcile(store, index::put);
                index.advance(head);
            }
            new IndexFeed(index, store).catchUp(); // from where it left off
            index.searchers.maybeRefreshBlocking();
            return index;
        } catch (IOException e) {
            throw new SearchIndexException("cannot open the search index in " + folder, e);
        }
    }

    /**
     * Indexes {@code written} and drops {@code removed}, searchable when this returns but not committed: the feed
     * commits once with its new position ({@link #advance}), one sync of the files per catch-up, not per note.
     */
    void apply(List<Note> written, List<String> removed) {
        List<float[]> vectors = this.vectors.of(written);
        try {
            for (String id : removed) {
                writer.deleteDocuments(new Term(ID, id));
            }
            for (int i = 0; i < written.size(); i++) {
                writer.updateDocument(new Term(ID, written.get(i).id()),
                        NoteDocuments.document(written.get(i), vectors.get(i)));
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new SearchIndexException("cannot index the notes' changes", e);
        }
    }

    /** The last change of the notes' feed this index holds. */
    long position() {
        return position;
    }

    /** Records that the index holds every change up to {@code change}, and commits. */
    void advance(long change) {
        try {
            files.position(change);
            writer.commit();
            position = change;
        } catch (IOException e) {
            throw new SearchIndexException("cannot commit the search index", e);
        }
    }

    /** The indexed version of each of {@code ids} the index holds. */
    Map<String, Long> versions(Collection<String> ids) {
        Map<String, Long> versions = new HashMap<>();
        IndexSearcher searcher = acquire();
        try {
            for (String id : ids) {
                Long loading = unpublished.get(id); // in the writer but in no searcher yet: a bulk load's
                if (loading != null) {
                    versions.put(id, loading);
                    continue;
                }
                TopDocs top = searcher.search(new TermQuery(new Term(ID, id)), 1);
                if (top.scoreDocs.length == 1) {
                    versions.put(id, version(searcher, top.scoreDocs[0].doc));
                }
            }
            return versions;
        } catch (IOException e) {
            throw new SearchIndexException("cannot read the index", e);
        } finally {
            release(searcher);
        }
    }

    @Override
    public void put(List<Note> notes) {
        if (notes.isEmpty()) {
            return;
        }
        try {
            add(notes);
            publish();
        } catch (IOException e) {
            throw new SearchIndexException("cannot index " + notes.size() + " note(s)", e);
        }
    }

    /** Embeds the notes and hands them to the writer: neither searchable nor committed yet. */
    void add(List<Note> notes) throws IOException {
        // Embedding is the slow part (on every core) and needs no lock: the writer is touched once vectors exist.
        List<float[]> vectors = this.vectors.of(notes);
        for (int i = 0; i < notes.size(); i++) {
            Note note = notes.get(i);
            writer.updateDocument(new Term(ID, note.id()), NoteDocuments.document(note, vectors.get(i)));
        }
    }

    /** Commits what the writer holds and makes it searchable. */
    void publish() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /**
     * Each refresh of the searcher writes what the writer holds as a new segment, and each segment builds a vector
     * graph that merges build again: an import refreshing once at its end, instead of once a batch, writes one
     * segment per RAM buffer instead of one per batch. It commits once, too: should the process stop before, the
     * next start indexes again what the last commit lacks (the notes' feed, {@link IndexFeed#catchUp}).
     */
    @Override
    public Bulk bulk() {
        return new LuceneBulk(this, unpublished);
    }

    @Override
    public void remove(String noteId) {
        try {
            writer.deleteDocuments(new Term(ID, noteId));
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new SearchIndexException("cannot remove note " + noteId + " from the index", e);
        }
    }

    @Override
    public void removeOwner(String owner) {
        try {
            writer.deleteDocuments(new Term(OWNER, owner));
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new SearchIndexException("cannot remove the notes of user " + owner + " from the index", e);
        }
    }

    @Override
    public List<SearchHit> search(String owner, String query, int limit) {
        return search(owner, query, limit, Signals.BOTH);
    }

    /**
     * Which rankings a search fuses: both, as {@link #search(String, String, int)} does, or, to measure them, one
     * alone or both with no cosine floor. {@code MEANING} ranks the nearest notes with no floor: how well the model
     * orders them. {@code BOTH_UNFLOORED} shows what the floor costs in recall for what it buys ("nothing found").
     */
    enum Signals { WORDS, MEANING, BOTH, BOTH_UNFLOORED }

    List<SearchHit> search(String owner, String query, int limit, Signals signals) {
        Query text = signals == Signals.MEANING ? null : textQuery(query);
        float[] vector = signals == Signals.WORDS ? null : embedder.embed(query);
        double floor = switch (signals) {
            case WORDS, BOTH -> embedder.use().relatedCosine();
            case MEANING, BOTH_UNFLOORED -> -1;
        };
        return ranked(owner, text, vector, floor, limit, null);
    }

    @Override
    public List<SearchHit> related(Note note, int limit) {
        IndexSearcher searcher = acquire();
        try {
            var similar = new MoreLikeThis(searcher.getIndexReader());
            similar.setAnalyzer(analyzer);
            similar.setFieldNames(new String[] {CONTENT});
            similar.setMinTermFreq(1);
            similar.setMinDocFreq(2);      // a word only this note has cannot relate it to another
            similar.setMaxQueryTerms(25);
            Query text = similar.like(CONTENT, new StringReader(note.title() + "\n" + note.content()));
            float[] vector = embedder.embed(NoteDocuments.embeddingText(note, embedder.use().noteWords()));
            return ranked(note.owner(), text, vector, embedder.use().relatedCosine(), limit, note.id());
        } catch (IOException e) {
            throw new SearchIndexException("cannot read the index", e);
        } finally {
            release(searcher);
        }
    }

    @Override
    public int size() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    /** Commits and releases the files; a second call does nothing (App.close may run twice). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (directory; writer; searchers) {
            writer.commit();
        } catch (IOException e) {
            throw new SearchIndexException("cannot close the search index", e);
        }
    }

    /**
     * Both rankings are computed over {@code owner}'s notes only: the owner term is a filter clause of the text query
     * and the pre-filter of the vector search, so the top {@code depth} of each are the owner's best.
     *
     * @param floor the least cosine a note found by meaning must have ({@link Embedder.Use#relatedCosine()})
     */
    private List<SearchHit> ranked(String owner, Query text, float[] vector, double floor, int limit,
                                   String excluded) {
        int depth = Math.max(limit * 5, 50);
        Query mine = new TermQuery(new Term(OWNER, owner));
        IndexSearcher searcher = acquire();
        try {
            List<Ranked> byWords = new ArrayList<>();
            if (text != null) {
                Query owned = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST)
                        .add(mine, BooleanClause.Occur.FILTER).build();
                for (ScoreDoc hit : searcher.search(owned, depth).scoreDocs) {
                    byWords.add(new Ranked(hit.doc, hit.score));
                }
            }
            List<Ranked> byMeaning = new ArrayList<>();
            if (vector != null) {
                for (ScoreDoc hit : searcher.search(new KnnFloatVectorQuery(VECTOR, vector, depth, mine), depth)
                        .scoreDocs) {
                    double cosine = 2.0 * hit.score - 1.0;     // Lucene scores a dot product as (1 + dot) / 2
                    if (cosine >= floor) {
                        byMeaning.add(new Ranked(hit.doc, cosine));
                    }
                }
            }
            return hits(searcher, text, RankFusion.fuse(byWords, byMeaning), limit, excluded);
        } catch (IOException e) {
            throw new SearchIndexException("cannot search the index", e);
        } finally {
            release(searcher);
        }
    }

    private List<SearchHit> hits(IndexSearcher searcher, Query text, List<Fused> fused, int limit, String excluded)
            throws IOException {
        List<Fused> kept = new ArrayList<>(limit);
        List<Document> docs = new ArrayList<>(limit);
        for (Fused candidate : fused) {
            if (kept.size() == limit) {
                break;
            }
            Document doc = searcher.storedFields().document(candidate.doc(), Set.of(ID, TITLE, TAGS));
            if (!doc.get(ID).equals(excluded)) {
                kept.add(candidate);
                docs.add(doc);
            }
        }
        String[] snippets = snippets(searcher, text, kept);
        List<SearchHit> hits = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Fused hit = kept.get(i);
            hits.add(new SearchHit(docs.get(i).get(ID), docs.get(i).get(TITLE), snippets[i], hit.score(),
                    hit.textScore(), hit.vectorScore(), NoteDocuments.tags(docs.get(i)), version(searcher, hit.doc())));
        }
        return hits;
    }

    /** The version of the note indexed as {@code doc}: a doc value of the segment that holds it. */
    private static long version(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        NumericDocValues versions = leaf.reader().getNumericDocValues(NoteDocuments.VERSION);
        return versions != null && versions.advanceExact(doc - leaf.docBase) ? versions.longValue() : 0;
    }

    private String[] snippets(IndexSearcher searcher, Query text, List<Fused> hits) throws IOException {
        ScoreDoc[] scoreDocs = hits.stream().map(hit -> new ScoreDoc(hit.doc(), (float) hit.score()))
                .toArray(ScoreDoc[]::new);
        var top = new TopDocs(new TotalHits(scoreDocs.length, TotalHits.Relation.EQUAL_TO), scoreDocs);
        var highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("**", "**", " … ", false))
                .withMaxLength(20_000)
                .build();
        String[] passages = highlighter.highlight(CONTENT, text == null ? new MatchNoDocsQuery() : text, top, 2);
        return Arrays.stream(passages).map(LuceneSearchIndex::trim).toArray(String[]::new);
    }

    private static String trim(String passage) {
        if (passage == null) {
            return "";
        }
        // A heading's marks would read as noise once the passage is flattened to one line.
        String flat = HEADING_MARKS.matcher(passage).replaceAll("").strip().replaceAll("\\s+", " ");
        if (flat.length() <= SNIPPET_CHARS) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
        String shortened = flat.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS);
        boolean openBold = (shortened.split("\\*\\*", -1).length - 1) % 2 == 1;
        return shortened + (openBold ? "**" : "") + " …";
    }

    /** Every distinct analysed term of the query, looked for in the title (first), tags and content. */
    private Query textQuery(String query) {
        Set<String> terms = new LinkedHashSet<>();
        try (var stream = analyzer.tokenStream(CONTENT, query)) {
            var term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        var builder = new BooleanQuery.Builder();
        for (String term : terms) {
            builder.add(new BoostQuery(new TermQuery(new Term(TITLE, term)), 2f), BooleanClause.Occur.SHOULD);
            builder.add(new BoostQuery(new TermQuery(new Term(TAGS, term)), 1.5f), BooleanClause.Occur.SHOULD);
            builder.add(new TermQuery(new Term(CONTENT, term)), BooleanClause.Occur.SHOULD);
        }
        return builder.build();
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new SearchIndexException("cannot open a searcher", e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new SearchIndexException("cannot release a searcher", e);
        }
    }
}
