package scriptorium.llm;

/** Tokens a provider billed. Anthropic's cache reads and writes are counted apart from plain input. */
public record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheCreationInputTokens) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheReadInputTokens + other.cacheReadInputTokens,
                cacheCreationInputTokens + other.cacheCreationInputTokens);
    }

    public long total() {
        return inputTokens + outputTokens + cacheReadInputTokens + cacheCreationInputTokens;
    }
}
