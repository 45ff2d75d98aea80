package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * Runs and what they write: each run is stored in two transactions, one when it starts (its conversation,
 * the user's question, the run) and one when it ends (the agents' messages and the outcome), so that a
 * crash leaves either a finished run with all its messages or an unfinished one, and commits stay few. Their
 * statements are queued ({@code tx.add}): the store writer sends those of the same text, from every run of its
 * group, as one batch.
 */
public final class RunStore {

    private final Sql sql;
    private final GroupCommit writes;

    public RunStore(DataSource dataSource, GroupCommit writes) {
        this.sql = new Sql(dataSource);
        this.writes = writes;
    }

    /**
     * Opens (or touches) {@code owner}'s conversation, stores the question and the run, {@code running}, without
     * waiting for the commit: three statements for a conversation the run opened, one more to find an existing one.
     *
     * @param newConversation the run opened the conversation (an id of the server's): it is created, not looked for
     * @return completed once committed, exceptionally with a {@link StoreException} if not (within the timeout)
     * @throws StoreException if the store writer had no room for it within the timeout, or is closing
     */
    public CompletableFuture<Void> starting(String id, String owner, String mode, StoredMessage question,
                                            boolean newConversation) {
        return writes.submit("storing the start of run " + id, tx -> {
            if (newConversation) {
                ConversationStore.create(tx, owner, question.conversationId(), question.content(), question.createdAt());
            } else {
                ConversationStore.open(tx, owner, question.conversationId(), question.content(), question.createdAt());
            }
            ConversationStore.add(tx, question);
            tx.add("INSERT INTO runs (id, owner_id, conversation_id, status, mode, started_at)"
                    + " VALUES (?, ?, ?, 'running', ?, ?)", id, owner, question.conversationId(), mode,
                    question.createdAt());
        });
    }

    /** Stores what the run's agents wrote, the verdicts on their citations, and how the run ended. */
    public void ended(String id, Outcome outcome, List<StoredMessage> messages, List<StoredCitation> citations) {
        var stored = citations.isEmpty() ? java.util.Set.<String>of()
                : messages.stream().map(StoredMessage::id).collect(java.util.stream.Collectors.toSet());
        writes.write("storing the end of run " + id, tx -> {
            for (StoredMessage message : messages) {
                ConversationStore.add(tx, message);
            }
            List<Object[]> rows = new java.util.ArrayList<>();
            for (StoredCitation c : citations) {
                if (stored.contains(c.messageId())) { // a citation always names a message of the run; never fail on one
                    rows.add(new Object[] {c.messageId(), rows.size(), c.noteId(), c.quote(), c.verified(), c.reason()});
                }
            }
            for (Object[] row : rows) {
                tx.add("INSERT INTO message_citations (message_id, position, note_id, quote, verified, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", row);
            }
            tx.add("UPDATE runs SET status = ?, route = ?, ended_at = ?, processing_ms = ?, input_tokens = ?,"
                            + " output_tokens = ?, cache_read_tokens = ?, cache_creation_tokens = ?, cost_usd = ?,"
                            + " model = ?, error_code = ?, error_message = ?, last_seq = ? WHERE id = ?",
                    outcome.status(), outcome.route(), outcome.endedAt(), outcome.processingMs(), outcome.inputTokens(),
                    outcome.outputTokens(), outcome.cacheReadTokens(), outcome.cacheCreationTokens(),
                    outcome.costUsd(), outcome.model(), outcome.errorCode(), truncate(outcome.errorMessage()),
                    outcome.lastSeq(), id);
        });
    }

    /** Marks runs left {@code running} by a server that stopped as {@code interrupted}; returns how many. */
    public int interruptLeftovers(Instant now) {
        return sql.update("UPDATE runs SET status = 'interrupted', ended_at = ?, error_code = 'interrupted',"
                + " error_message = 'the server stopped during this run' WHERE status = 'running'", now);
    }

    /**
     * Marks a run whose instance died as {@code interrupted} (a survivor wrote its `instance_lost` terminal);
     * false when its row is not {@code running} (stored as ended already, or never stored).
     */
    public boolean lost(String id, Instant now, String message) {
        return sql.update("UPDATE runs SET status = 'interrupted', ended_at = ?, error_code = 'instance_lost',"
                + " error_message = ? WHERE id = ? AND status = 'running'", now, truncate(message), id) > 0;
    }

    /** Whether the run has a row, whoever owns it. */
    public boolean stored(String id) {
        return sql.queryOne("SELECT 1 FROM runs WHERE id = ?", row -> true, id).isPresent();
    }

    /** {@code owner}'s run: another user's run is not found, as an unknown one. */
    public Optional<RunRecord> find(String owner, String id) {
        return sql.queryOne("SELECT * FROM runs WHERE id = ? AND owner_id = ?", RunStore::record, id, owner);
    }

    /** How a run ended, as {@link #ended} stores it. */
    public record Outcome(String status, String route, Instant endedAt, long processingMs, long inputTokens, long outputTokens,
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
