package scriptorium.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PricingTest {

    private final Pricing pricing = Pricing.load();

    @Test
    void cacheReadsAndWritesArePricedAsAnthropicPricesThem() {
        var usage = new Usage(1_000_000, 1_000_000, 1_000_000, 1_000_000);
        // Sonnet 4.5: $3 input, $15 output, $0.30 cache read (0.1x), $3.75 cache write (1.25x)
        assertThat(pricing.cost("anthropic/claude-sonnet-4-5", usage)).isCloseTo(22.05, Offset.offset(1e-9));
    }

    @Test
    void aDatedSnapshotMatchesTheLongestKnownName() {
        assertThat(pricing.price("anthropic/claude-sonnet-4-5-20250929")).isEqualTo(pricing.price("anthropic/claude-sonnet-4-5"));
        assertThat(pricing.price("openai/gpt-4o-mini-2024-07-18").orElseThrow().input()).isEqualTo(0.15);
        assertThat(pricing.price("openai/gpt-4o-2024-08-06").orElseThrow().input()).isEqualTo(2.50);
    }

    @Test
    void anUnknownModelCostsNothing() {
        assertThat(pricing.cost("openai/llama3.2", new Usage(1000, 1000, 0, 0))).isZero();
    }
}
