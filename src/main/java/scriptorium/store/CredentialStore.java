package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sessions and personal tokens, found by the SHA-256 of their secret (never the secret itself), and the sign-in
 * failures the throttle counts. In the database so that several instances share them. Thread-safe.
 */
public final class CredentialStore {

    private static final String TOKEN_COLUMNS = "id, user_id, label, scopes, created_at, expires_at, last_used_at";

    private final Sql sql;

    public CredentialStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Opens a session; sessions and tokens that have expired go at the same time (nothing else sweeps them). */
    public void createSession(String secretHash, String userId, Instant now, Instant expiresAt) {
        sql.inTransaction("open a session", tx -> {
            tx.update("DELETE FROM sessions WHERE expires_at <= ?", now);
            tx.update("DELETE FROM tokens WHERE expires_at <= ?", now);
            tx.update("INSERT INTO sessions (secret_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    secretHash, userId, now, expiresAt);
        });
    }

    /** The user of a live session. */
    public Optional<String> sessionUser(String secretHash, Instant now) {
        return sql.queryOne("SELECT user_id FROM sessions WHERE secret_hash = ? AND expires_at > ?",
                row -> row.getString(1), secretHash, now);
    }

    public void deleteSession(String secretHash) {
        sql.update("DELETE FROM sessions WHERE secret_hash = ?", secretHash);
    }

    public void createToken(StoredToken token, String secretHash) {
        sql.update("INSERT INTO tokens (id, user_id, label, scopes, secret_hash, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", token.id(), token.userId(), token.label(),
                String.join(",", token.scopes()), secretHash, token.createdAt(), token.expiresAt());
    }

    /** A live token, marked used now. */
    public Optional<StoredToken> useToken(String secretHash, Instant now) {
        Optional<StoredToken> token = sql.queryOne("SELECT " + TOKEN_COLUMNS + " FROM tokens"
                + " WHERE secret_hash = ? AND expires_at > ?", CredentialStore::token, secretHash, now);
        token.ifPresent(t -> sql.update("UPDATE tokens SET last_used_at = ? WHERE id = ?", now, t.id()));
        return token;
    }

    public List<StoredToken> tokens(String userId) {
        return sql.query("SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE user_id = ? ORDER BY created_at DESC",
                CredentialStore::token, userId);
    }

    /** Revokes {@code userId}'s token; false when they have none of that id. */
    public boolean deleteToken(String userId, String id) {
        return sql.update("DELETE FROM tokens WHERE id = ? AND user_id = ?", id, userId) > 0;
    }

    public void signInFailed(List<String> keys, Instant now) {
        for (String key : keys) {
            sql.update("INSERT INTO sign_in_failures (attempt_key, failed_at) VALUES (?, ?)", key, now);
        }
    }

    /** The failures of {@code key} since {@code since}, oldest first. */
    public List<Instant> failures(String key, Instant since) {
        return sql.query("SELECT failed_at FROM sign_in_failures WHERE attempt_key = ? AND failed_at > ?"
                + " ORDER BY failed_at", row -> Sql.instant(row, "failed_at"), key, since);
    }

    /** Forgets the failures of {@code key} (a successful sign-in of that user) and every one older than {@code before}. */
    public void forgetFailures(String key, Instant before) {
        sql.update("DELETE FROM sign_in_failures WHERE attempt_key = ? OR failed_at < ?", key, before);
    }

    private static StoredToken token(ResultSet row) throws SQLException {
        String scopes = row.getString("scopes");
        return new StoredToken(row.getString("id"), row.getString("user_id"), row.getString("label"),
                scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(",")), Sql.instant(row, "created_at"),
                Sql.instant(row, "expires_at"), Sql.instant(row, "last_used_at"));
    }
}
