package scriptorium.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import scriptorium.events.RunEvent;
import scriptorium.llm.Usage;

/** What runs report to {@code /metrics}: outcomes, durations, first-token latency, tokens, cost, retries. */
final class RunMetrics {

    private final MeterRegistry registry;
    private final Counter retries;
    private final Timer firstToken;

    RunMetrics(MeterRegistry registry, Supplier<Number> liveRuns) {
        this.registry = registry;
        this.retries = Counter.builder("scriptorium.model.retries")
                .description("model calls retried before their first token").register(registry);
        this.firstToken = Timer.builder("scriptorium.run.first.token")
                .description("from the start of a run to its first agent_delta")
                .publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("scriptorium.runs.live", liveRuns, s -> s.get().doubleValue());
    }

    void firstToken(Duration sinceStart) {
        firstToken.record(sinceStart);
    }

    void retried() {
        retries.increment();
    }

    /** PROTOCOL §7: citations counted by the model that wrote them, verified or not (and why not). */
    void citation(String model, boolean verified, RunEvent.Unverified reason) {
        registry.counter("scriptorium.citations", "model", model, "verified", String.valueOf(verified),
                "reason", reason == null ? "none" : reason.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }

    void ended(LiveRun run, String outcome, Duration duration) {
        String route = run.route() == null ? "none" : run.route().id();
        registry.counter("scriptorium.runs", "route", route, "outcome", outcome).increment();
        Timer.builder("scriptorium.run.duration").tags("route", route, "outcome", outcome)
                .register(registry).record(duration);
        Usage usage = run.usage();
        String model = run.model();
        tokens(model, "input", usage.inputTokens());
        tokens(model, "output", usage.outputTokens());
        tokens(model, "cache_read", usage.cacheReadInputTokens());
        tokens(model, "cache_creation", usage.cacheCreationInputTokens());
        registry.counter("scriptorium.cost.usd", "model", model).increment(run.costUsd());
    }

    private void tokens(String model, String kind, long count) {
        if (count > 0) {
            registry.counter("scriptorium.tokens", "model", model, "kind", kind).increment(count);
        }
    }
}
