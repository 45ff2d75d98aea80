package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Conversations and their messages. Every read and write names the owner (issue 10): another user's conversation
 * is answered exactly as an unknown one.
 */
public final class ConversationStore {

    private static final String MESSAGE_COLUMNS = "id, conversation_id, run_id, author, recipient, kind, content,"
            + " input_tokens, output_tokens, incomplete, created_at";

    private final Sql sql;

    public ConversationStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /**
     * Creates the conversation if it does not exist yet, titled by {@code firstMessage}; touches it otherwise.
     * Another owner's conversation of the same id is never touched: the insert then fails on the key.
     */
    static void open(Sql.Transaction tx, String owner, String id, String firstMessage, Instant now)
            throws SQLException {
        int touched = tx.update("UPDATE conversations SET updated_at = ? WHERE id = ? AND owner_id = ?", now, id, owner);
        if (touched == 0) {
            tx.update("INSERT INTO conversations (id, owner_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    id, owner, title(firstMessage), now, now);
        }
    }

    /** Creates {@code owner}'s new conversation, titled by {@code firstMessage}: an id no one has used yet. */
    static void create(Sql.Transaction tx, String owner, String id, String firstMessage, Instant now)
            throws SQLException {
        tx.add("INSERT INTO conversations (id, owner_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                id, owner, title(firstMessage), now, now);
    }

    /** Queues the insert of {@code message} (see {@link Sql.Transaction#add}). */
    static void add(Sql.Transaction tx, StoredMessage message) throws SQLException {
        tx.add("INSERT INTO messages (" + MESSAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                message.id(), message.conversationId(), message.runId(), message.author(), message.recipient(),
                message.kind().name().toLowerCase(Locale.ROOT), message.content(), message.inputTokens(),
                message.outputTokens(), message.incomplete(), message.createdAt());
    }

    /** Most recently active first. */
    public List<Conversation> list(String owner, int limit, int offset) {
        return sql.query("SELECT id, title, created_at, updated_at FROM conversations WHERE owner_id = ?"
                        + " ORDER BY updated_at DESC, id LIMIT ? OFFSET ?",
                ConversationStore::conversation, owner, limit, offset);
    }

    public Optional<Conversation> find(String owner, String id) {
        return sql.queryOne("SELECT id, title, created_at, updated_at FROM conversations WHERE id = ? AND owner_id = ?",
                ConversationStore::conversation, id, owner);
    }

    /**
     * True when {@code id} names a conversation of another user: a run may not continue it. (Conversation ids may be
     * chosen by clients, so this answer, unlike a lookup, says the id is in use; it never says by whom.)
     */
    public boolean takenByAnother(String owner, String id) {
        return sql.queryOne("SELECT 1 FROM conversations WHERE id = ? AND owner_id <> ?", row -> true, id, owner)
                .isPresent();
    }

    /** Every message of {@code owner}'s conversation, oldest first (none for another user's). */
    public List<StoredMessage> messages(String owner, String conversationId) {
        return sql.query("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ?"
                        + " AND conversation_id IN (SELECT id FROM conversations WHERE owner_id = ?) ORDER BY ordinal",
                ConversationStore::message, conversationId, owner);
    }

    /** The verdicts on the citations of {@code owner}'s conversation's messages, by message id, in order. */
    public Map<String, List<StoredCitation>> citations(String owner, String conversationId) {
        Map<String, List<StoredCitation>> byMessage = new HashMap<>();
        sql.query("SELECT c.message_id, c.note_id, c.quote, c.verified, c.reason FROM message_citations c"
                        + " JOIN messages m ON m.id = c.message_id JOIN conversations v ON v.id = m.conversation_id"
                        + " WHERE m.conversation_id = ? AND v.owner_id = ? ORDER BY c.message_id, c.position",
                row -> new StoredCitation(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4),
                        row.getString(5)), conversationId, owner)
                .forEach(c -> byMessage.computeIfAbsent(c.messageId(), id -> new ArrayList<>()).add(c));
        return byMessage;
    }

    /** The last {@code limit} questions and answers, oldest first: what agents are given as history. */
    public List<StoredMessage> history(String owner, String conversationId, int limit) {
        List<StoredMessage> newestFirst = sql.query("SELECT " + MESSAGE_COLUMNS + " FROM messages"
                        + " WHERE conversation_id = ? AND kind <> 'turn'"
                        + " AND conversation_id IN (SELECT id FROM conversations WHERE owner_id = ?)"
                        + " ORDER BY ordinal DESC LIMIT ?",
                ConversationStore::message, conversationId, owner, limit);
        return newestFirst.reversed();
    }

    public boolean delete(String owner, String id) {
        return sql.update("DELETE FROM conversations WHERE id = ? AND owner_id = ?", id, owner) > 0;
    }

    private static String title(String firstMessage) {
        String flat = firstMessage.strip().replaceAll("\\s+", " ");
        return flat.length() <= 80 ? flat : flat.substring(0, 79) + "…";
    }

    private static Conversation conversation(ResultSet row) throws SQLException {
        return new Conversation(row.getString("id"), row.getString("title"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }

    private static StoredMessage message(ResultSet row) throws SQLException {
        return new StoredMessage(row.getString("id"), row.getString("conversation_id"), row.getString("run_id"),
                row.getString("author"), row.getString("recipient"),
                StoredMessage.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)), row.getString("content"),
                row.getLong("input_tokens"), row.getLong("output_tokens"), row.getBoolean("incomplete"),
                Sql.instant(row, "created_at"));
    }
}
