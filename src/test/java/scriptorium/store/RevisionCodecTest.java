package scriptorium.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A patch rebuilds the next content byte for byte, and costs about what changed. */
class RevisionCodecTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a\\nb\\nc        | a\\nB\\nc",
            "a\\nb\\nc        | a\\nb\\nc\\n",
            "\"\"           | x",
            "x              | \"\"",
            "a\\n\\nb\\t1\\n    | \\n\\na\\tb\\n\\n",
            "un\\r\\ndeux     | un\\r\\ntrois\\r\\n"})
    void aPatchRebuildsTheNextContentExactly(String before, String after) {
        String from = before.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
        String to = after.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
        assertThat(RevisionCodec.apply(from, RevisionCodec.patch(from, to))).isEqualTo(to);
        assertThat(RevisionCodec.content(RevisionCodec.full(to))).isEqualTo(to);
    }

    @Test
    void aSmallEditOfALongNoteCostsAFewDozenBytesAndRandomEditsAlwaysRebuild() {
        var random = new Random(14);
        String note = text(random, 5_000);
        String edited = note.replaceFirst("\n", "\nUne ligne ajoutée au début.\n");
        assertThat(RevisionCodec.patch(note, edited).length).isLessThan(60);

        String current = note;
        for (int i = 0; i < 200; i++) {
            String next = edit(random, current);
            assertThat(RevisionCodec.apply(current, RevisionCodec.patch(current, next))).isEqualTo(next);
            current = next;
        }
    }

    static String text(Random random, int chars) {
        var out = new StringBuilder();
        while (out.length() < chars) {
            out.append("Ligne ").append(random.nextInt(100_000)).append(random.nextBoolean() ? " du jardin" : " de pluie")
                    .append(random.nextInt(5) == 0 ? "\n\n" : "\n");
        }
        return out.toString();
    }

    /** One edit a person makes: a word changed, a line added, a line removed. */
    static String edit(Random random, String text) {
        var lines = new java.util.ArrayList<>(java.util.List.of(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0 -> lines.set(at, lines.get(at) + " modifiée " + random.nextInt(1000));
            case 1 -> lines.add(at, "Nouvelle ligne " + random.nextInt(1000));
            default -> {
                if (lines.size() > 1) {
                    lines.remove(at);
                }
            }
        }
        return String.join("\n", lines);
    }
}
