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
    public Use use() {
        return real.use();
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
