package scriptorium.knowledge;

/** For tests: an embedder that hands everything to a real one; subclasses change what they watch or keep. */
abstract class ForwardingEmbedder implements Embedder {

    protected final Embedder real;

    ForwardingEmbedder(Embedder real) {
        this.real = real;
    }

    @Override
    public float[] embed(String text) {
        return real.embed(text);
    }

    @Override
    public int dimension() {
        return real.dimension();
    }

    @Override
    public double relatedCosine() {
        return real.relatedCosine();
    }

    @Override
    public boolean worthKeeping() {
        return real.worthKeeping();
    }

    @Override
    public int noteWords() {
        return real.noteWords();
    }

    @Override
    public String modelId() {
        return real.modelId();
    }

    @Override
    public void close() {
        real.close();
    }
}
