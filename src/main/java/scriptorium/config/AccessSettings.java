package scriptorium.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may reach the server and how much they may spend (issue 10, PROTOCOL §8).
 *
 * @param mode           {@code LOCAL}: one implicit owner, no sign-in (loopback only); {@code ACCOUNTS}: users sign in
 * @param publicUrl      the URL people use (behind a proxy, say), or "" when unset: its host is accepted, its origin
 *                       is ours, and an {@code https} one makes the session cookie {@code Secure}
 * @param allowedHosts   more {@code Host} names that are ours (lower case)
 * @param adminPassword  the first admin's password, or an empty secret: then a one-time setup link is printed
 * @param dailyBudgetUsd a user's spend per UTC day before new runs are refused; 0 for no budget
 */
public record AccessSettings(AuthMode mode, String publicUrl, List<String> allowedHosts, String adminUser,
                             Secret adminPassword, int maxConcurrentRuns, int runsPerMinute, double dailyBudgetUsd) {

    public enum AuthMode { LOCAL, ACCOUNTS }

    /** A run limit that is not set: as many as the user likes. */
    public static final int UNBOUNDED = 1_000_000;

    /** Whether any limit on starting runs is set: when none is, nothing needs counting. */
    public boolean limitsRuns() {
        return maxConcurrentRuns < UNBOUNDED || runsPerMinute < UNBOUNDED || dailyBudgetUsd > 0;
    }

    public AccessSettings {
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** True when {@code PUBLIC_URL} is https: the session cookie is then only sent over TLS. */
    public boolean secureCookies() {
        return publicUrl.startsWith("https://");
    }

    /** The host of {@code PUBLIC_URL} (lower case), or "" when it is unset. */
    public String publicHost() {
        return publicUrl.isEmpty() ? "" : URI.create(publicUrl).getHost().toLowerCase(Locale.ROOT);
    }

    /** True for an address that only this machine can reach. */
    public static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.equals("[::1]") || h.startsWith("127.");
    }

    static AccessSettings from(Env env, String host) {
        String mode = env.oneOf("AUTH_MODE", "local", Set.of("local", "accounts"));
        if (mode.equals("local") && !loopback(host)) {
            env.problem("HOST=" + host + " listens beyond this machine, where anyone who reaches the port would read"
                    + " and change your archive: set AUTH_MODE=accounts (people sign in; see README, \"Two modes\"),"
                    + " or HOST=127.0.0.1 to stay on this machine");
        }
        boolean local = mode.equals("local");
        // Local mode has one user, on their own machine: the run limits only bind it when set explicitly.
        int unbounded = UNBOUNDED;
        return new AccessSettings(local ? AuthMode.LOCAL : AuthMode.ACCOUNTS, publicUrl(env),
                Arrays.stream(env.string("ALLOWED_HOSTS", "").split(",")).map(String::strip)
                        .filter(h -> !h.isEmpty()).map(h -> h.toLowerCase(Locale.ROOT)).toList(),
                env.string("ADMIN_USER", "admin"), new Secret(env.string("ADMIN_PASSWORD", "")),
                env.integer("MAX_CONCURRENT_RUNS", local ? unbounded : 4, 1, unbounded),
                env.integer("RUNS_PER_MINUTE", local ? unbounded : 20, 1, unbounded),
                env.decimal("DAILY_BUDGET_USD", 0, 0, 1_000_000));
    }

    private static String publicUrl(Env env) {
        String url = env.string("PUBLIC_URL", "");
        if (url.isEmpty()) {
            return "";
        }
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url.replaceAll("/+$", "");
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        env.problem("PUBLIC_URL=" + url + ": must be an http:// or https:// URL with a host, e.g. https://notes.example.org");
        return "";
    }
}
