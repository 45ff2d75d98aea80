package scriptorium.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Users, and the one-time secret of the first admin's setup link. Usernames are stored lower case, so they are
 * unique whatever their case. Thread-safe; throws {@link StoreException} when the database fails.
 */
public final class UserStore {

    /**
     * The owner of local mode and of everything written before accounts existed (migration V4). The first admin
     * created in accounts mode claims this row: existing notes and conversations are theirs.
     */
    public static final String LOCAL_OWNER = "local";

    private static final String COLUMNS = "id, username, password_hash, role, created_at";

    private final Sql sql;

    public UserStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** True once some user can sign in (has a password): accounts mode then needs no setup. */
    public boolean anyoneCanSignIn() {
        return sql.queryOne("SELECT 1 FROM users WHERE password_hash IS NOT NULL", row -> true).isPresent();
    }

    /**
     * Creates a user; the first one with a password claims the local owner's row instead (see {@link #LOCAL_OWNER}).
     * Returns the user's id; throws {@link Taken} when the username is in use.
     */
    public String create(String id, String username, String passwordHash, String role, Instant now) {
        if (findByName(username).filter(u -> u.passwordHash() != null).isPresent()) { // the unclaimed owner is no one
            throw new Taken(username);
        }
        return sql.inTransaction("create user", tx -> {
            if (tx.update("UPDATE users SET username = ?, password_hash = ?, role = ? WHERE id = ?"
                    + " AND password_hash IS NULL", username.toLowerCase(), passwordHash, role, LOCAL_OWNER) == 1) {
                return LOCAL_OWNER;
            }
            tx.update("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", id, username.toLowerCase(),
                    passwordHash, role, now);
            return id;
        });
    }

    public Optional<StoredUser> find(String id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserStore::user, id);
    }

    public Optional<StoredUser> findByName(String username) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM users WHERE username = ?", UserStore::user,
                username.toLowerCase());
    }

    /** Users who can sign in, by name (the unclaimed local owner is not one). */
    public List<StoredUser> list() {
        return sql.query("SELECT " + COLUMNS + " FROM users WHERE password_hash IS NOT NULL ORDER BY username",
                UserStore::user);
    }

    /** Deletes the user and, by cascade, their sessions, tokens, notes, conversations and runs. */
    public boolean delete(String id) {
        return sql.inTransaction("delete user " + id, transaction -> {
            NoteStore.tombstoneAll(transaction, id); // other instances' indexes drop the notes the cascade deletes
            return transaction.update("DELETE FROM users WHERE id = ?", id) > 0;
        });
    }

    public long admins() {
        return sql.queryOne("SELECT COUNT(*) FROM users WHERE role = 'admin' AND password_hash IS NOT NULL",
                row -> row.getLong(1)).orElse(0L);
    }

    /** Replaces every setup secret with this one (only the latest printed link works). */
    public void newSetupSecret(String secretHash, Instant expiresAt) {
        sql.inTransaction("new setup secret", tx -> {
            tx.update("DELETE FROM setup_secrets");
            tx.update("INSERT INTO setup_secrets (secret_hash, expires_at) VALUES (?, ?)", secretHash, expiresAt);
        });
    }

    /** Uses the setup secret up: true once, if it exists and has not expired. */
    public boolean consumeSetupSecret(String secretHash, Instant now) {
        return sql.update("DELETE FROM setup_secrets WHERE secret_hash = ? AND expires_at > ?", secretHash, now) == 1;
    }

    /** The username is in use. */
    public static final class Taken extends RuntimeException {
        public Taken(String username) {
            super("username " + username + " is taken", null, false, false);
        }
    }

    private static StoredUser user(ResultSet row) throws SQLException {
        return new StoredUser(row.getString("id"), row.getString("username"), row.getString("password_hash"),
                row.getString("role"), Sql.instant(row, "created_at"));
    }
}
