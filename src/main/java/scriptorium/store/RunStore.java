package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Runs: one row each, written when the run starts and when it ends. */
public final class RunStore {

    private final Sql sql;

    public RunStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void started(String id, String conversationId, String mode, Instant at) {
        sql.update("INSERT INTO runs (id, conversation_id, status, mode, started_at) VALUES (?, ?, 'running', ?, ?)",
                id, conversationId, mode, at);
    }

    public void routed(String id, String route) {
        sql.update("UPDATE runs SET route = ? WHERE id = ?", route, id);
    }

    /** Records how the run ended; {@code outcome} carries everything a terminal event says. */
    public void ended(String id, Outcome outcome) {
        sql.update("UPDATE runs SET status = ?, ended_at = ?, processing_ms = ?, input_tokens = ?, output_tokens = ?,"
                        + " cache_read_tokens = ?, cache_creation_tokens = ?, cost_usd = ?, model = ?, error_code = ?,"
                        + " error_message = ?, last_seq = ? WHERE id = ?",
                outcome.status(), outcome.endedAt(), outcome.processingMs(), outcome.inputTokens(),
                outcome.outputTokens(), outcome.cacheReadTokens(), outcome.cacheCreationTokens(), outcome.costUsd(),
                outcome.model(), outcome.errorCode(), truncate(outcome.errorMessage()), outcome.lastSeq(), id);
    }

    /** Marks runs left {@code running} by a server that stopped as {@code interrupted}; returns how many. */
    public int interruptLeftovers(Instant now) {
        return sql.update("UPDATE runs SET status = 'interrupted', ended_at = ?, error_code = 'interrupted',"
                + " error_message = 'the server stopped during this run' WHERE status = 'running'", now);
    }

    public Optional<RunRecord> find(String id) {
        return sql.queryOne("SELECT * FROM runs WHERE id = ?", RunStore::record, id);
    }

    /** How a run ended, as {@link #ended} stores it. */
    public record Outcome(String status, Instant endedAt, long processingMs, long inputTokens, long outputTokens,
                          long cacheReadTokens, long cacheCreationTokens, double costUsd, String model,
                          String errorCode, String errorMessage, long lastSeq) {}

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static RunRecord record(ResultSet row) throws SQLException {
        long processing = row.getLong("processing_ms");
        Long processingMs = row.wasNull() ? null : processing;
        return new RunRecord(row.getString("id"), row.getString("conversation_id"), row.getString("status"),
                row.getString("mode"), row.getString("route"), Sql.instant(row, "started_at"),
                Sql.instant(row, "ended_at"), processingMs, row.getLong("input_tokens"),
                row.getLong("output_tokens"), row.getLong("cache_read_tokens"), row.getLong("cache_creation_tokens"),
                row.getDouble("cost_usd"), row.getString("model"), row.getString("error_code"),
                row.getString("error_message"), row.getLong("last_seq"));
    }
}
