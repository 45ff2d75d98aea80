package scriptorium.knowledge;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import scriptorium.knowledge.LuceneSearchIndex.Signals;
import scriptorium.knowledge.RetrievalSet.Query;
import scriptorium.store.Database;
import scriptorium.store.EmbeddingStore;
import scriptorium.store.Note;
import scriptorium.store.NoteStore;

/**
 * How well a search ranks the notes of the {@link RetrievalSet}, averaged over queries: recall@5 and recall@10
 * (the share of a query's relevant notes in its first 5 or 10 hits) and nDCG@10 (relevant notes count more the
 * higher they rank; 1 when they all come first).
 */
record RetrievalScores(int queries, double recallAt5, double recallAt10, double ndcgAt10) {

    /** Indexes the set in a fresh archive under {@code dataDir} with {@code embedder}, then scores each signal. */
    static Map<Signals, List<Ranking>> rank(RetrievalSet set, Embedder embedder, Database database, Path dataDir) {
        var store = new NoteStore(database.dataSource());
        try (var index = LuceneSearchIndex.open(dataDir.resolve("index-" + embedder.modelId().replace('/', '_')),
                embedder, store, new EmbeddingStore(database.dataSource()))) {
            Map<String, String> keys = new HashMap<>();      // note id -> key in the set
            if (store.count(scriptorium.store.UserStore.LOCAL_OWNER, null) == 0) {
                List<String> order = new ArrayList<>(set.notes().keySet());
                var notes = new NoteService(store, new scriptorium.store.TrashStore(database.dataSource()), index,
                        Clock.systemUTC(), scriptorium.store.UserStore.LOCAL_OWNER)
                        .createAll(order.stream().map(set.notes()::get).toList(), Note.Source.IMPORT);
                for (int i = 0; i < notes.size(); i++) {
                    keys.put(notes.get(i).id(), order.get(i));
                }
            } else {
                store.forEach(scriptorium.store.UserStore.LOCAL_OWNER, note -> keys.put(note.id(), keyOf(set, note)));
            }
            Map<Signals, List<Ranking>> rankings = new HashMap<>();
            for (Signals signals : Signals.values()) {
                List<Ranking> ranked = new ArrayList<>();
                for (Query query : set.queries()) {
                    List<String> hits = index.search(scriptorium.store.UserStore.LOCAL_OWNER, query.text(), 10, signals).stream()
                            .map(hit -> keys.get(hit.noteId())).toList();
                    ranked.add(new Ranking(query, hits));
                }
                rankings.put(signals, ranked);
            }
            return rankings;
        }
    }

    /** A query and the keys of the notes it found, best first. */
    record Ranking(Query query, List<String> hits) {}

    static RetrievalScores of(List<Ranking> rankings, Predicate<Query> which) {
        int count = 0;
        double recall5 = 0;
        double recall10 = 0;
        double ndcg = 0;
        for (Ranking ranking : rankings) {
            if (!which.test(ranking.query())) {
                continue;
            }
            Set<String> relevant = ranking.query().relevant();
            count++;
            recall5 += found(ranking.hits(), relevant, 5) / (double) relevant.size();
            recall10 += found(ranking.hits(), relevant, 10) / (double) relevant.size();
            double dcg = 0;
            double ideal = 0;
            for (int i = 0; i < 10; i++) {
                if (i < ranking.hits().size() && relevant.contains(ranking.hits().get(i))) {
                    dcg += 1 / log2(i + 2);
                }
                if (i < relevant.size()) {
                    ideal += 1 / log2(i + 2);
                }
            }
            ndcg += dcg / ideal;
        }
        return new RetrievalScores(count, recall5 / count, recall10 / count, ndcg / count);
    }

    private static int found(List<String> hits, Set<String> relevant, int depth) {
        return (int) hits.stream().limit(depth).filter(relevant::contains).count();
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    private static String keyOf(RetrievalSet set, Note note) {
        return set.notes().entrySet().stream().filter(e -> e.getValue().title().equals(note.title()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
