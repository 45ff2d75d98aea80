package scriptorium.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What tokens cost, from the price table {@code pricing.properties} (USD per million tokens, per model).
 * Immutable and thread-safe.
 */
public final class Pricing {

    /** One model's prices in USD per million tokens. */
    public record Price(double input, double output, double cacheRead, double cacheWrite) {
        double cost(Usage usage) {
            return (usage.inputTokens() * input + usage.outputTokens() * output
                    + usage.cacheReadInputTokens() * cacheRead
                    + usage.cacheCreationInputTokens() * cacheWrite) / 1_000_000.0;
        }
    }

    private final List<Map.Entry<String, Price>> byLongestName;

    Pricing(Map<String, Price> prices) {
        this.byLongestName = prices.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Price> e) -> e.getKey().length()).reversed())
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }

    /** The table shipped in the jar. */
    public static Pricing load() {
        try (InputStream in = Pricing.class.getResourceAsStream("/pricing.properties")) {
            if (in == null) {
                throw new IllegalStateException("pricing.properties is missing from the classpath");
            }
            var properties = new Properties();
            properties.load(in);
            var prices = new java.util.HashMap<String, Price>();
            for (String name : properties.stringPropertyNames()) {
                prices.put(name, parse(name, properties.getProperty(name)));
            }
            return new Pricing(prices);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pricing.properties", e);
        }
    }

    /** The price of {@code model} ({@code provider/name}): the longest table key it starts with. */
    public Optional<Price> price(String model) {
        return byLongestName.stream().filter(e -> model.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    /** What {@code usage} of {@code model} costs in USD; 0 for a model the table doesn't know (a local server). */
    public double cost(String model, Usage usage) {
        return price(model).map(p -> p.cost(usage)).orElse(0.0);
    }

    private static Price parse(String name, String value) {
        String[] parts = value.split(",");
        if (parts.length != 4) {
            throw new IllegalStateException("pricing.properties: " + name + " needs 4 prices, got: " + value);
        }
        double[] numbers = new double[4];
        for (int i = 0; i < 4; i++) {
            numbers[i] = Double.parseDouble(parts[i].trim());
        }
        return new Price(numbers[0], numbers[1], numbers[2], numbers[3]);
    }
}
