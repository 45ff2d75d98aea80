package scriptorium.store;

import java.time.Instant;

/**
 * A user as stored. {@code passwordHash} is an Argon2id encoding, or null for the local owner before the first
 * admin claims it (nobody can sign in as a user without one).
 *
 * @param role {@code user} or {@code admin}
 */
public record StoredUser(String id, String username, String passwordHash, String role, Instant createdAt) {

    @Override
    public String toString() {
        return "StoredUser[" + id + ", " + username + ", " + role + "]"; // never the hash
    }
}
