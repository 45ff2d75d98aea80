package scriptorium.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated notes for the benchmark: ~300 words each, French and English, drawn with a Zipf-like skew from a
 * vocabulary of topic words and common words, so BM25 sees realistic term frequencies. Deterministic per seed.
 */
final class BenchText {

    private static final String[] TOPICS = ("programmation java lucene recherche serveur streaming agents notes"
            + " jardin potager tomates radis cuisine recette pain levain voyage montagne islande volcans musique"
            + " piano guitare astronomie saturne anneaux budget trésorerie recrutement réunion projet développement"
            + " database index vector embedding latency throughput memory garden bread travel music physics"
            + " history philosophy economics football cycling marathon photography painting poetry chemistry"
            + " biology genetics climate ocean forest energy solar battery network security privacy").split(" ");
    private static final String[] COMMON = ("le la les un une des du de et à en pour avec sur dans par que qui"
            + " est sont était avoir faire plus moins très bien aussi comme mais donc the a of and to in is that"
            + " for it with as was on be by this are or from at have not which will can about more some time"
            + " year people way day thing work life world hand part place case week point number group problem"
            + " fact idea question answer result change reason moment chose temps jour année travail monde vie"
            + " idée question réponse résultat raison moment semaine groupe problème nombre partie place").split(" ");

    private final long seed;

    BenchText(Random random) {
        this.seed = random.nextLong();
    }

    String markdown(int n) {
        NoteDraft draft = draft(n);
        return "---\ntitle: \"" + draft.title() + "\"\ntags: [" + String.join(", ", draft.tags()) + "]\n---\n"
                + draft.content() + "\n";
    }

    /** Note {@code n}: the same for a given seed, whatever order notes are asked in. */
    NoteDraft draft(int n) {
        var random = new Random(seed * 31 + n);
        String topic = topic(random);
        String second = topic(random);
        List<String> title = new ArrayList<>(List.of(capitalize(topic), second));
        for (int i = 0; i < 2 + random.nextInt(3); i++) {
            title.add(word(random));
        }
        var content = new StringBuilder();
        int words = 270 + random.nextInt(60);
        for (int i = 0; i < words; i++) {
            double pick = random.nextDouble();
            content.append(pick < 0.08 ? topic : pick < 0.12 ? second : word(random));
            content.append(i % 17 == 16 ? ".\n" : " ");
        }
        content.append(n);
        return new NoteDraft(String.join(" ", title), content.toString(), List.of(topic, second));
    }

    /** Two or three words: a topic word and common or topic words. */
    String query(Random random) {
        var query = new StringBuilder(topic(random));
        for (int i = 0; i < 1 + random.nextInt(2); i++) {
            query.append(' ').append(random.nextBoolean() ? topic(random) : word(random));
        }
        return query.toString();
    }

    private static String topic(Random random) {
        return TOPICS[skewed(random, TOPICS.length)];
    }

    private static String word(Random random) {
        return random.nextDouble() < 0.15 ? topic(random) : COMMON[skewed(random, COMMON.length)];
    }

    /** Low indexes much more often than high ones (roughly Zipf). */
    private static int skewed(Random random, int size) {
        return (int) Math.min(size - 1, Math.floor(Math.pow(random.nextDouble(), 2.5) * size));
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
