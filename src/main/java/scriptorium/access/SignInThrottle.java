package scriptorium.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import scriptorium.store.CredentialStore;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed sign-ins for one username, or from one client address,
 * within {@link #WINDOW}, further attempts are refused with 429 and {@code Retry-After} until the oldest failure
 * leaves the window, even with the right password. Counted in the database, so every instance sees the same count.
 */
final class SignInThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final CredentialStore store;
    private final Clock clock;

    SignInThrottle(CredentialStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Throws a 429 {@code too_many_attempts} when the username or the address has failed too often. */
    void check(String username, String client) {
        Instant now = clock.instant();
        for (String key : keys(username, client)) {
            List<Instant> failures = store.failures(key, now.minus(WINDOW));
            if (failures.size() >= MAX_FAILURES) {
                Instant freed = failures.get(failures.size() - MAX_FAILURES).plus(WINDOW);
                long wait = Math.max(1, Duration.between(now, freed).toSeconds() + 1);
                throw new AccessDenied(429, "too_many_attempts", "too many failed sign-ins for this user or from"
                        + " this address: try again in " + wait + " s", wait);
            }
        }
    }

    void failed(String username, String client) {
        store.signInFailed(keys(username, client), clock.instant());
    }

    /** A good sign-in clears its username's failures (not its address's), and old failures go. */
    void succeeded(String username) {
        store.forgetFailures(userKey(username), clock.instant().minus(WINDOW));
    }

    private static List<String> keys(String username, String client) {
        return List.of(userKey(username), "addr:" + client);
    }

    private static String userKey(String username) {
        String key = "user:" + username.toLowerCase(Locale.ROOT);
        return key.length() > 200 ? key.substring(0, 200) : key;
    }
}
