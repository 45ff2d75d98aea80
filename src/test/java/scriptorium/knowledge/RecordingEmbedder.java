package scriptorium.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * For the benchmark only: embeds for real and keeps each note's vector; after {@link #replay()}, notes get
 * those real vectors back in turn instead of being embedded (queries, short texts, are always embedded).
 */
final class RecordingEmbedder extends ForwardingEmbedder {

    /** Queries are a few words; a note's embedding text is its title and 32 words of content. */
    private static final int NOTE_LENGTH = 100;

    private final List<float[]> recorded = new ArrayList<>();
    private final Random noise = new Random(7);
    private boolean replaying;
    private int next;

    RecordingEmbedder(Embedder real) {
        super(real);
    }

    void replay() {
        replaying = true;
    }

    @Override
    public float[] embed(String text) {
        if (text.length() < NOTE_LENGTH) {
            return real.embed(text);
        }
        if (replaying) {
            return jitter(recorded.get(next++ % recorded.size()));
        }
        float[] vector = real.embed(text);
        recorded.add(vector);
        return vector;
    }

    /** Notes on every core, as the real embedder does: recorded in order, or replayed. */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (replaying || texts.stream().anyMatch(text -> text.length() < NOTE_LENGTH)) {
            return super.embedAll(texts);
        }
        List<float[]> vectors = real.embedAll(texts);
        recorded.addAll(vectors);
        return vectors;
    }

    /** A close but distinct copy: identical vectors would make a degenerate HNSW graph. */
    private float[] jitter(float[] vector) {
        float[] copy = new float[vector.length];
        double sum = 0;
        for (int i = 0; i < vector.length; i++) {
            copy[i] = vector[i] + (float) (noise.nextGaussian() * 0.01);
            sum += copy[i] * copy[i];
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < copy.length; i++) {
            copy[i] *= scale;
        }
        return copy;
    }
}
