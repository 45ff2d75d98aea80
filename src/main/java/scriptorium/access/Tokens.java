package scriptorium.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import scriptorium.store.CredentialStore;
import scriptorium.store.StoredToken;
import scriptorium.store.UserStore;

/**
 * Personal tokens ({@code Authorization: Bearer scr_...}): created from a signed-in session, shown once, stored as a
 * hash, scoped, expiring, and refused at once when revoked (every request looks the hash up). Thread-safe.
 */
public final class Tokens {

    static final String PREFIX = "scr_";
    static final int MAX_DAYS = 365;

    private final CredentialStore credentials;
    private final UserStore users;
    private final Clock clock;

    public Tokens(CredentialStore credentials, UserStore users, Clock clock) {
        this.credentials = credentials;
        this.users = users;
        this.clock = clock;
    }

    /**
     * A new token for {@code by}. {@code metrics} is for admins only: a token never exceeds its maker's rights.
     *
     * @param expiresInDays 1..{@value #MAX_DAYS}
     */
    public NewToken create(Caller by, String label, Set<Scope> scopes, int expiresInDays, String client) {
        if (label == null || label.isBlank() || label.length() > 100) {
            throw AccessDenied.badField("label", "required, 1..100 characters");
        }
        if (scopes.isEmpty()) {
            throw AccessDenied.badField("scopes", "at least one of read, write, chat, metrics");
        }
        if (!by.scopes().containsAll(scopes)) {
            throw AccessDenied.badField("scopes", "may only name scopes you have yourself (metrics: admins)");
        }
        if (expiresInDays < 1 || expiresInDays > MAX_DAYS) {
            throw AccessDenied.badField("expires_in_days", "must be a whole number from 1 to " + MAX_DAYS);
        }
        Instant now = clock.instant();
        String secret = Secrets.next(PREFIX);
        var token = new StoredToken("t-" + UUID.randomUUID(), by.userId(), label.strip(),
                EnumSet.copyOf(scopes).stream().map(Scope::id).toList(), now, now.plus(Duration.ofDays(expiresInDays)),
                null);
        credentials.createToken(token, Secrets.hash(secret));
        Audit.record("token_created", by.userId(), token.id() + ":" + token.label(), client, "success");
        return new NewToken(token, secret);
    }

    public List<StoredToken> list(Caller caller) {
        return credentials.tokens(caller.userId());
    }

    public void revoke(Caller caller, String id, String client) {
        if (!credentials.deleteToken(caller.userId(), id)) {
            throw AccessDenied.notFound("token " + id);
        }
        Audit.record("token_revoked", caller.userId(), id, client, "success");
    }

    /** The caller of a live token (its user still existing), or empty. */
    Optional<Caller> caller(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return credentials.useToken(Secrets.hash(secret), clock.instant()).flatMap(token ->
                users.find(token.userId()).filter(u -> u.passwordHash() != null).map(u -> new Caller(u.id(),
                        Role.of(u.role()), scopes(token), Caller.Via.TOKEN)));
    }

    private static Set<Scope> scopes(StoredToken token) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        token.scopes().forEach(id -> Scope.of(id).ifPresent(scopes::add));
        return scopes;
    }
}
