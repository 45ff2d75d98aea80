package scriptorium.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import scriptorium.config.Settings;
import scriptorium.knowledge.LuceneSearchIndex.Signals;
import scriptorium.knowledge.RetrievalScores.Ranking;
import scriptorium.knowledge.RetrievalSet.Kind;
import scriptorium.knowledge.RetrievalSet.Query;
import scriptorium.store.Database;

/**
 * The search benchmark's quality part: the {@link RetrievalSet} indexed once per embedder, every query searched
 * by words alone (BM25), by meaning alone (nearest vectors, no floor) and both fused (the real search), scored
 * over all queries, the keyword ones and the paraphrases. Also how each model spreads the cosines of query-note
 * pairs where the note does not answer the query: what its floor ({@link Embedder.Use#relatedCosine()}) is set
 * from.
 */
final class SearchQuality {

    private SearchQuality() {}

    static List<String> table(Path work, List<Embedder> embedders) {
        var set = RetrievalSet.load();
        List<String> rows = new ArrayList<>();
        rows.add("| embedding | ranking | recall@5 | recall@10 | nDCG@10 | keyword r@10 / nDCG"
                + " | paraphrase r@10 / nDCG |");
        rows.add("|---|---|---|---|---|---|---|");
        List<String> spreads = new ArrayList<>();
        for (Embedder embedder : embedders) {
            Path dir = work.resolve("quality-" + rows.size());
            var settings = Settings.from(Map.of("SCRIPTORIUM_DATA", dir.toString()));
            try (Database database = Database.open(settings.store())) {
                Map<Signals, List<Ranking>> rankings = RetrievalScores.rank(set, embedder, database, dir);
                for (Signals signals : Signals.values()) {
                    rows.add(row(embedder, signals, rankings.get(signals)));
                }
            }
            spreads.add(spread(set, embedder));
        }
        rows.add("");
        rows.add(set.queries().size() + " queries (" + count(set, Kind.KEYWORD) + " keyword, "
                + count(set, Kind.PARAPHRASE) + " paraphrase; " + set.queries().stream()
                .filter(q -> q.language().equals("fr")).count() + " in French) over " + set.notes().size() + " notes");
        rows.addAll(spreads);
        return rows;
    }

    private static String row(Embedder embedder, Signals signals, List<Ranking> rankings) {
        RetrievalScores all = RetrievalScores.of(rankings, query -> true);
        RetrievalScores keyword = RetrievalScores.of(rankings, kind(Kind.KEYWORD));
        RetrievalScores paraphrase = RetrievalScores.of(rankings, kind(Kind.PARAPHRASE));
        String ranking = switch (signals) {
            case WORDS -> "BM25 alone";
            case MEANING -> "vectors alone";
            case BOTH -> "hybrid (floor " + embedder.use().relatedCosine() + "): the search";
            case BOTH_UNFLOORED -> "hybrid, no floor";
        };
        return String.format("| %s | %s | %.3f | %.3f | %.3f | %.3f / %.3f | %.3f / %.3f |", embedder.modelId(),
                ranking, all.recallAt5(), all.recallAt10(), all.ndcgAt10(), keyword.recallAt10(), keyword.ndcgAt10(),
                paraphrase.recallAt10(), paraphrase.ndcgAt10());
    }

    /** Cosines of every query with every note of the set, split by whether the note answers the query. */
    private static String spread(RetrievalSet set, Embedder embedder) {
        List<float[]> notes = set.notes().values().stream()
                .map(draft -> NoteDocuments.embeddingText(draft.title(), draft.content(), embedder.use().noteWords()))
                .map(embedder::embed).toList();
        List<String> keys = List.copyOf(set.notes().keySet());
        List<Double> answering = new ArrayList<>();
        List<Double> unrelated = new ArrayList<>();
        for (Query query : set.queries()) {
            float[] vector = embedder.embed(query.text());
            for (int i = 0; i < notes.size(); i++) {
                (query.relevant().contains(keys.get(i)) ? answering : unrelated).add(dot(vector, notes.get(i)));
            }
        }
        Collections.sort(answering);
        Collections.sort(unrelated);
        long passing = unrelated.stream().filter(c -> c >= embedder.use().relatedCosine()).count();
        return String.format("%s: cosine of answering pairs p25 %.2f, p50 %.2f; of unrelated pairs p50 %.2f, p99 %.2f,"
                        + " p99.7 %.2f; unrelated pairs over the floor %.2f: 1 in %.0f", embedder.modelId(),
                at(answering, 0.25), at(answering, 0.5), at(unrelated, 0.5), at(unrelated, 0.99),
                at(unrelated, 0.997), embedder.use().relatedCosine(), unrelated.size() / (double) Math.max(1, passing));
    }

    private static Predicate<Query> kind(Kind kind) {
        return query -> query.kind() == kind;
    }

    private static long count(RetrievalSet set, Kind kind) {
        return set.queries().stream().filter(kind(kind)).count();
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, quantile * sorted.size()));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
