package scriptorium.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import scriptorium.store.CredentialStore;
import scriptorium.store.StoredUser;
import scriptorium.store.UserStore;

/**
 * Users and sessions: sign-in (throttled, same answer and cost for an unknown user), sign-out, the first admin, and
 * user management by admins. Every event worth auditing is logged by {@link Audit}. Thread-safe; throws
 * {@link AccessDenied} for refused requests.
 */
public final class Accounts {

    static final Duration SESSION_LIFETIME = Duration.ofDays(14);
    static final Duration SETUP_LIFETIME = Duration.ofHours(1);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final UserStore users;
    private final CredentialStore credentials;
    private final Passwords passwords;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final Consumer<String> onDeleted;

    /** @param onDeleted told the id of each deleted user, after their rows are gone (their notes leave the index) */
    public Accounts(UserStore users, CredentialStore credentials, Clock clock, Consumer<String> onDeleted) {
        this.users = users;
        this.credentials = credentials;
        this.passwords = new Passwords();
        this.throttle = new SignInThrottle(credentials, clock);
        this.clock = clock;
        this.onDeleted = onDeleted;
    }

    /**
     * At start in accounts mode: creates the first admin from {@code ADMIN_USER}/{@code ADMIN_PASSWORD} when nobody can
     * sign in yet, or, with no password given, returns a new one-time setup secret for the setup link.
     */
    public Optional<String> firstStart(String adminUser, String adminPassword) {
        if (users.anyoneCanSignIn()) {
            return Optional.empty();
        }
        if (!adminPassword.isEmpty()) {
            create(adminUser, adminPassword, Role.ADMIN, "ADMIN_PASSWORD", "startup");
            return Optional.empty();
        }
        String secret = Secrets.next("");
        users.newSetupSecret(Secrets.hash(secret), clock.instant().plus(SETUP_LIFETIME));
        return Optional.of(secret);
    }

    /** Creates the first admin with the setup link's secret (single use), and signs them in. */
    public SignedIn completeSetup(String secret, String username, String password, String client) {
        checkNew(username, password);
        if (secret == null || users.anyoneCanSignIn() || !users.consumeSetupSecret(Secrets.hash(secret), clock.instant())) {
            Audit.record("setup", username, client, "refused");
            throw new AccessDenied(403, "setup_refused", "secret: this setup link is used, expired or wrong;"
                    + " restart the server for a new one", 0);
        }
        create(username, password, Role.ADMIN, "setup link", client);
        return signIn(username, password, client);
    }

    public SignedIn signIn(String username, String password, String client) {
        if (username == null || password == null) {
            throw AccessDenied.badField(username == null ? "username" : "password", "required, a string");
        }
        try {
            throttle.check(username, client);
        } catch (AccessDenied throttled) {
            Audit.record("sign_in", username, client, "throttled");
            throw throttled;
        }
        Optional<StoredUser> user = USERNAME.matcher(username).matches() ? users.findByName(username) : Optional.empty();
        if (!passwords.matches(password, user.map(StoredUser::passwordHash).orElse(null))) {
            throttle.failed(username, client);
            Audit.record("sign_in", username, client, "failure");
            throw new AccessDenied(401, "bad_credentials", "username or password: wrong", 0);
        }
        throttle.succeeded(username);
        String secret = Secrets.next("");
        Instant now = clock.instant();
        credentials.createSession(Secrets.hash(secret), user.get().id(), now, now.plus(SESSION_LIFETIME));
        Audit.record("sign_in", user.get().username(), client, "success");
        return new SignedIn(user(user.get()), secret, SESSION_LIFETIME);
    }

    /** Ends the session on the server: the cookie's value is worthless from now on. */
    public void signOut(String sessionSecret, Caller caller, String client) {
        if (sessionSecret != null) {
            credentials.deleteSession(Secrets.hash(sessionSecret));
        }
        Audit.record("sign_out", caller.userId(), client, "success");
    }

    /** The caller of a live session, or empty for an unknown or expired one. */
    Optional<Caller> session(String secret) {
        return credentials.sessionUser(Secrets.hash(secret), clock.instant()).flatMap(users::find)
                .filter(u -> u.passwordHash() != null)
                .map(u -> Caller.session(u.id(), Role.of(u.role())));
    }

    public User me(Caller caller) {
        return users.find(caller.userId()).map(Accounts::user)
                .orElseThrow(() -> new AccessDenied(401, "unauthenticated", "your account no longer exists", 0));
    }

    public User create(Caller by, String username, String password, Role role, String client) {
        checkNew(username, password);
        return create(username, password, role, by.userId(), client);
    }

    public List<User> list() {
        return users.list().stream().map(Accounts::user).toList();
    }

    /** Deletes a user and everything they own; an admin cannot delete themselves (someone must stay admin). */
    public void delete(Caller by, String id, String client) {
        if (id.equals(by.userId())) {
            throw new AccessDenied(409, "cannot_delete_self", "id: you cannot delete your own account", 0);
        }
        StoredUser user = users.find(id).filter(u -> u.passwordHash() != null)
                .orElseThrow(() -> AccessDenied.notFound("user " + id));
        users.delete(id);
        onDeleted.accept(id);
        Audit.record("user_deleted", by.userId(), user.username(), client, "success");
    }

    private User create(String username, String password, Role role, String by, String client) {
        try {
            String id = users.create("u-" + java.util.UUID.randomUUID(), username, passwords.hash(password), role.id(),
                    clock.instant());
            Audit.record("user_created", by, username + ":" + role.id(), client, "success");
            return me(new Caller(id, role, java.util.Set.of(), Caller.Via.SESSION));
        } catch (UserStore.Taken e) {
            throw new AccessDenied(409, "username_taken", "username: " + username + " is taken", 0);
        }
    }

    private static void checkNew(String username, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw AccessDenied.badField("username", "required, 1..64 letters, digits, '.', '_' or '-'");
        }
        Passwords.check(password);
    }

    private static User user(StoredUser u) {
        return new User(u.id(), u.username(), Role.of(u.role()), u.createdAt());
    }
}
