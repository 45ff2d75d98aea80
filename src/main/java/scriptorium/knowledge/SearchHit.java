package scriptorium.knowledge;

import java.util.List;

/**
 * One ranked note.
 *
 * @param score       the fused rank score in 0..1: 1 when the note is first both by words and by meaning
 * @param textScore   the BM25 score, or null when the note matched no word of the query
 * @param vectorScore the cosine similarity of meanings, or null when the note was not among the nearest
 * @param snippet     a passage of the content, matched words in {@code **bold**}, or its opening lines
 * @param version     the version of the note the snippet was read from (citations are checked against it)
 */
public record SearchHit(String noteId, String title, String snippet, double score, Double textScore,
                        Double vectorScore, List<String> tags, long version) {
    public SearchHit {
        tags = List.copyOf(tags);
    }
}
