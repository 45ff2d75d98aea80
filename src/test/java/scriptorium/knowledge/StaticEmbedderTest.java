package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaticEmbedderTest {

    static final StaticEmbedder EMBEDDER = StaticEmbedder.fromClassPath();

    @Test
    void theSameTextGivesTheSameVectorFromAnyInstance() {
        String text = "Pain au levain : rafraîchir le levain la veille, cuisson en cocotte à 250 °C.";
        assertThat(EMBEDDER.embed(text)).containsExactly(EMBEDDER.embed(text));
        assertThat(new StaticEmbedder(StaticEmbedder.fromClassPath().table()).embed(text))
                .containsExactly(EMBEDDER.embed(text));
        assertThat(EMBEDDER.embedAll(List.of(text, "autre chose")).getFirst()).containsExactly(EMBEDDER.embed(text));
    }

    @Test
    void vectorsAreUnitLengthEvenForABlankOrUnknownText() {
        for (String text : List.of("Sourdough bread, baked with steam.", "   ", "", "de la les the of", "𝔘𝔫𝔨")) {
            float[] vector = EMBEDDER.embed(text);
            assertThat(vector).as(text).hasSize(EMBEDDER.dimension());
            assertThat(dot(vector, vector)).as(text).isCloseTo(1.0, offset(1e-5));
        }
    }

    @Test
    void similarTextsAreCloserThanUnrelatedOnes() {
        float[] bread = EMBEDDER.embed("How to bake sourdough bread at home with a starter");
        float[] loaf = EMBEDDER.embed("Pain au levain : pétrir la pâte, cuire la miche au four");
        float[] baking = EMBEDDER.embed("Baking a crusty loaf: flour, water, salt and a long rise in the oven");
        float[] kubernetes = EMBEDDER.embed("Kubernetes readiness probes and pod restarts");
        float[] taxes = EMBEDDER.embed("Déclaration d'impôts : frais réels et dons aux associations");
        assertThat(dot(bread, baking)).isGreaterThan(dot(bread, kubernetes)).isGreaterThan(0.3);
        assertThat(dot(bread, baking)).isGreaterThan(dot(bread, taxes));
        assertThat(dot(loaf, bread)).isGreaterThan(dot(loaf, kubernetes)).isGreaterThan(dot(loaf, taxes));
    }

    @Test
    void everyWordOfALongNoteCountsNotOnlyItsOpening() {
        String opening = "Notes du jardin. " + "Semer les radis et arroser le potager le soir. ".repeat(50);
        String ending = " Post-scriptum : les sondes Kubernetes redémarrent les pods bloqués.";
        float[] query = EMBEDDER.embed("Kubernetes pods");
        assertThat(opening.split(" ").length).isGreaterThan(400);          // past MiniLM's 128 word pieces
        // A line among 450 words moves the average a little, but it moves it: MiniLM would never read it.
        assertThat(dot(query, EMBEDDER.embed(opening + ending)))
                .isGreaterThan(dot(query, EMBEDDER.embed(opening)) + 0.01);
    }

    @Test
    void stopWordsDoNotMoveTheVector() {
        assertThat(EMBEDDER.embed("recette du pain de campagne pour le dimanche"))
                .containsExactly(EMBEDDER.embed("recette pain campagne dimanche"));
        assertThat(EMBEDDER.embed("the recipe of a bread for the weekend"))
                .containsExactly(EMBEDDER.embed("recipe bread weekend"));
    }

    @Test
    void wordPiecesAreThoseOfMiniLmsOwnTokenizer() throws IOException {
        List<String> texts = List.of(
                "Réunion budget 2025 : présents Claire, Malik; décision reportée (avenant de 35 k€).",
                "Don't use SHA-256 alone: Argon2id + a per-user salt, e.g. 19 MiB / 2 iterations.",
                "L'été à Þingvellir — Jökulsárlón, «fjords» de l'Est… naïve façade, cœur d'œuvre.",
                "grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); https://example.org/a?b=c",
                "汉字 mixed with English and émojis 😀 and\ttabs\nnew lines");
        try (InputStream in = MiniLmEmbedder.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
             var reference = HuggingFaceTokenizer.newInstance(in,
                     Map.of("padding", "false", "truncation", "false"))) {
            var ours = new WordPieces(StaticTable.quantize("test", StaticDistiller.vocabulary(),
                    new float[StaticDistiller.vocabulary().size()][1]).ids(), Set.of());
            for (String text : texts) {
                long[] theirs = reference.encode(text, false, false).getIds();
                List<Long> mine = new ArrayList<>();
                ours.pieces(text, id -> mine.add((long) id));
                assertThat(mine).as(text).containsExactlyElementsOf(Arrays.stream(theirs).boxed().toList());
            }
        }
    }

    @Test
    void aTableReadsBackAsWritten() throws IOException {
        var table = StaticTable.quantize("recipe/1", List.of("[UNK]", "pain", "##s"),
                new float[][] {{0, 0}, {0.5f, -1f}, {2f, 0.25f}});
        var out = new ByteArrayOutputStream();
        table.write(out);
        StaticTable read = StaticTable.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(read.recipe()).isEqualTo("recipe/1");
        assertThat(read.vocabulary()).containsExactly("[UNK]", "pain", "##s");
        assertThat(read.rows()).containsExactly(table.rows());
        float[] sum = new float[2];
        read.addRow(1, sum);
        assertThat(sum[0]).isCloseTo(0.5f, offset(0.01f));
        assertThat(sum[1]).isCloseTo(-1f, offset(0.01f));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
