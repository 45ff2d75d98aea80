package scriptorium.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * What each user's runs cost and how many are going: read from the runs table, so that the limits hold across
 * instances and survive a restart. Thread-safe.
 */
public final class UsageStore {

    private final Sql sql;

    public UsageStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public long running(String owner) {
        return sql.queryOne("SELECT COUNT(*) FROM runs WHERE owner_id = ? AND status = 'running'",
                row -> row.getLong(1), owner).orElse(0L);
    }

    /** When {@code owner}'s runs started since {@code since}, oldest first. */
    public List<Instant> startedSince(String owner, Instant since) {
        return sql.query("SELECT started_at FROM runs WHERE owner_id = ? AND started_at > ? ORDER BY started_at",
                row -> Sql.instant(row, "started_at"), owner, since);
    }

    public double costSince(String owner, Instant since) {
        return sql.queryOne("SELECT COALESCE(SUM(cost_usd), 0) FROM runs WHERE owner_id = ? AND started_at >= ?",
                row -> row.getDouble(1), owner, since).orElse(0.0);
    }

    /** {@code owner}'s usage per UTC day since {@code from}, oldest day first. */
    public List<UsageDay> byDay(String owner, LocalDate from) {
        Instant since = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Row> rows = sql.query("SELECT started_at, input_tokens, output_tokens, cost_usd FROM runs"
                + " WHERE owner_id = ? AND started_at >= ? ORDER BY started_at", row -> new Row(
                Sql.instant(row, "started_at"), row.getLong(2), row.getLong(3), row.getDouble(4)), owner, since);
        // Grouped here, not in SQL: H2 and PostgreSQL disagree on how to cut a timestamp with time zone to a UTC day.
        var days = new java.util.TreeMap<LocalDate, UsageDay>();
        for (Row r : rows) {
            LocalDate day = r.at().atOffset(ZoneOffset.UTC).toLocalDate();
            UsageDay sum = days.getOrDefault(day, new UsageDay(day, 0, 0, 0, 0));
            days.put(day, new UsageDay(day, sum.runs() + 1, sum.inputTokens() + r.in(), sum.outputTokens() + r.out(),
                    sum.costUsd() + r.cost()));
        }
        return List.copyOf(days.values());
    }

    private record Row(Instant at, long in, long out, double cost) {}
}
