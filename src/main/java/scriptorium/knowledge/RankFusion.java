package scriptorium.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): a document's score is the sum over rankings of
 * {@code 1 / (K + rank)}. Ranks, not scores, are fused because BM25 and cosine scores live on unrelated scales.
 */
final class RankFusion {

    /** The usual constant: it damps the weight of the very first ranks so one list cannot dominate. */
    static final int K = 60;
    private static final double BEST = 2.0 / (K + 1);

    private RankFusion() {}

    /** A document as each ranking saw it: a score, or null when that ranking did not return it. */
    record Fused(int doc, double score, Double textScore, Double vectorScore) {}

    /** A document of one ranking, best first. */
    record Ranked(int doc, double score) {}

    /** Fuses both rankings, best first; scores are scaled so that first in both lists is 1. */
    static List<Fused> fuse(List<Ranked> text, List<Ranked> vector) {
        Map<Integer, double[]> parts = new LinkedHashMap<>();   // doc -> {rrf, text, vector}, NaN = absent
        for (int i = 0; i < text.size(); i++) {
            double[] part = parts.computeIfAbsent(text.get(i).doc(), d -> new double[] {0, Double.NaN, Double.NaN});
            part[0] += 1.0 / (K + i + 1);
            part[1] = text.get(i).score();
        }
        for (int i = 0; i < vector.size(); i++) {
            double[] part = parts.computeIfAbsent(vector.get(i).doc(), d -> new double[] {0, Double.NaN, Double.NaN});
            part[0] += 1.0 / (K + i + 1);
            part[2] = vector.get(i).score();
        }
        List<Fused> fused = new ArrayList<>(parts.size());
        parts.forEach((doc, part) -> fused.add(new Fused(doc, part[0] / BEST, orNull(part[1]), orNull(part[2]))));
        fused.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparingInt(Fused::doc));
        return fused;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
