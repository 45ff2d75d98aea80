package scriptorium.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import scriptorium.config.AccessSettings;
import scriptorium.store.UsageStore;

/**
 * Per-user limits on starting runs: {@code MAX_CONCURRENT_RUNS} at once, {@code RUNS_PER_MINUTE}, and the optional
 * {@code DAILY_BUDGET_USD}. Read from the runs table, so they hold across instances and restarts. Two requests of
 * one user racing past the same count may both start: the limits bound spending, they are not a lock.
 */
final class RunLimits {

    private final UsageStore usage;
    private final AccessSettings settings;
    private final Clock clock;

    RunLimits(UsageStore usage, AccessSettings settings, Clock clock) {
        this.usage = usage;
        this.settings = settings;
        this.clock = clock;
    }

    /** Throws a 429 ({@code rate_limited} or {@code budget_exceeded}) when {@code owner} may not start a run now. */
    void check(String owner) {
        if (!settings.limitsRuns()) {
            return; // no limit set (local mode's default): no database round trip before the run's `start`
        }
        Instant now = clock.instant();
        long running = usage.running(owner);
        if (running >= settings.maxConcurrentRuns()) {
            throw new AccessDenied(429, "rate_limited", running + " runs of yours are going (MAX_CONCURRENT_RUNS="
                    + settings.maxConcurrentRuns() + "): wait for one to end", 5);
        }
        List<Instant> lastMinute = usage.startedSince(owner, now.minus(Duration.ofMinutes(1)));
        if (lastMinute.size() >= settings.runsPerMinute()) {
            Instant freed = lastMinute.get(lastMinute.size() - settings.runsPerMinute()).plus(Duration.ofMinutes(1));
            long wait = Math.max(1, Duration.between(now, freed).toSeconds() + 1);
            throw new AccessDenied(429, "rate_limited", "more than RUNS_PER_MINUTE=" + settings.runsPerMinute()
                    + " runs in a minute: try again in " + wait + " s", wait);
        }
        if (settings.dailyBudgetUsd() > 0) {
            Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            double spent = usage.costSince(owner, today);
            if (spent >= settings.dailyBudgetUsd()) {
                long wait = Math.max(1, Duration.between(now, today.plus(Duration.ofDays(1))).toSeconds());
                throw new AccessDenied(429, "budget_exceeded", String.format(java.util.Locale.ROOT,
                        "today's runs cost $%.4f, the DAILY_BUDGET_USD of $%.2f: new runs wait for tomorrow (UTC)",
                        spent, settings.dailyBudgetUsd()), wait);
            }
        }
    }
}
