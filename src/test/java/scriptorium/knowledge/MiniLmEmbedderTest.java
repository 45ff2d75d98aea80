package scriptorium.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiniLmEmbedderTest {

    static final List<String> TEXTS = List.of(
            "Potager au printemps. Semer les radis en mars, les tomates après les saints de glace.",
            "Sourdough bread. Feed the starter twice a day and bake with steam for a crisp crust.",
            "Java records and sealed interfaces make the code safer.",
            "word ".repeat(400),          // past the tokenizer's 128 word pieces
            "   ");

    MiniLmEmbedder embedder;

    @BeforeAll
    void open(@TempDir Path dir) {
        embedder = new MiniLmEmbedder(dir, 2);
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    @Test
    void givesTheVectorsOfLangChain4jsModelItCallsOnnxRuntimeInsteadOf() {
        var reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        for (String text : TEXTS.subList(0, 4)) {
            float[] theirs = reference.embed(text).content().vector();
            assertThat(dot(embedder.embed(text), theirs)).as(text).isGreaterThan(0.99999);
        }
    }

    @Test
    void embedAllGivesEachTextItsOwnVectorInOrderWhateverThreadComputedIt() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add(TEXTS.get(i % TEXTS.size()) + " " + i);
        }
        List<float[]> together = embedder.embedAll(texts);
        assertThat(together).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(together.get(i)).as(texts.get(i)).containsExactly(embedder.embed(texts.get(i)));
        }
    }

    @Test
    void vectorsAreUnitLengthEvenForABlankText() {
        for (float[] vector : embedder.embedAll(TEXTS)) {
            assertThat(vector).hasSize(embedder.dimension());
            assertThat(dot(vector, vector)).isCloseTo(1.0, offset(1e-5));
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
