package scriptorium.llm.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static scriptorium.testing.TestServer.CHAT_STREAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scriptorium.llm.Usage;
import scriptorium.llm.fake.FakeAnthropicServer;
import scriptorium.llm.fake.Scripted;
import scriptorium.testing.TestServer;

/**
 * Issue 4's measurement: over a 4-message discussion (4 turns and the synthesis: 5 model calls), the input tokens
 * billed at full price with prompt caching and without, read from the usage the server reports in {@code complete}.
 * Turns are about 180 tokens, as a real agent's would be; the fake bills as Anthropic's cache does.
 */
@Timeout(60)
class PromptCachingMeasurementTest {

    private static final String QUESTION = "Plume et Mimir, comparez la prise de notes manuscrite et numérique.";

    @Test
    void cachingCutsTheInputBilledAtFullPriceOverAFourMessageDiscussion() {
        Usage cached = discussion(true, 0);
        Usage uncached = discussion(false, 0);
        report("no minimum", cached, uncached);

        assertThat(uncached.cacheReadInputTokens() + uncached.cacheCreationInputTokens()).isZero();
        assertThat(cached.inputTokens()).isLessThan(uncached.inputTokens() / 2);
        assertThat(inputCost(cached)).isLessThan(0.8 * inputCost(uncached));
        // The same prompt tokens, billed differently: caching changes the price, not the amount sent.
        assertThat(cached.inputTokens() + cached.cacheReadInputTokens() + cached.cacheCreationInputTokens())
                .isEqualTo(uncached.inputTokens());
    }

    @Test
    void withSonnetsMinimumOf1024TokensAShortDiscussionNeverPaysForCacheWritesItDoesNotRead() {
        Usage cached = discussion(true, 1024);
        Usage uncached = discussion(false, 1024);
        report("1024-token minimum", cached, uncached);

        // Only the synthesis prompt passes 1024 tokens here; writing it would cost 1.25x for nothing.
        assertThat(inputCost(cached)).isLessThanOrEqualTo(inputCost(uncached));
    }

    private static Usage discussion(boolean caching, long minimumCacheable) {
        try (var fake = FakeAnthropicServer.withMinimumCacheable(minimumCacheable)) {
            for (int turn = 1; turn <= 5; turn++) {
                fake.enqueue(Scripted.Reply.text(turn(turn).toArray(String[]::new)));
            }
            var env = new HashMap<>(Runs.anthropic(fake));
            env.put("ANTHROPIC_PROMPT_CACHING", Boolean.toString(caching));
            try (var server = TestServer.start(Map.copyOf(env))) {
                List<JsonNode> events = server.stream(CHAT_STREAM, Runs.body(QUESTION)).readToEnd();
                JsonNode result = events.getLast().path("result");
                assertThat(events.getLast().path("type").asText()).isEqualTo("complete");
                assertThat(fake.requestCount()).isEqualTo(5);
                JsonNode usage = result.path("usage");
                return new Usage(usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                        usage.path("cache_read_input_tokens").asLong(),
                        usage.path("cache_creation_input_tokens").asLong());
            }
        }
    }

    /** About 720 characters (180 tokens), in chunks, different for each turn. */
    private static List<String> turn(int turn) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            chunks.add("Tour " + turn + ", point " + i + " : l'écriture à la main fixe mieux l'idée. ");
        }
        return chunks;
    }

    /** Input cost in millionths of a dollar at Sonnet 4.5 prices: $3 full, $0.30 read, $3.75 write per million. */
    private static double inputCost(Usage usage) {
        return usage.inputTokens() * 3.0 + usage.cacheReadInputTokens() * 0.30
                + usage.cacheCreationInputTokens() * 3.75;
    }

    private static void report(String label, Usage cached, Usage uncached) {
        System.out.printf("""
                prompt caching over a 4-message discussion (%s):
                  without caching: %d input tokens at full price (input cost %.0f micro-USD)
                  with caching:    %d at full price, %d cache reads, %d cache writes (input cost %.0f micro-USD)
                  full-price input tokens: %.1f%% of the uncached run; input cost: %.1f%%
                """, label, uncached.inputTokens(), inputCost(uncached), cached.inputTokens(),
                cached.cacheReadInputTokens(), cached.cacheCreationInputTokens(), inputCost(cached),
                100.0 * cached.inputTokens() / uncached.inputTokens(), 100.0 * inputCost(cached) / inputCost(uncached));
    }
}
