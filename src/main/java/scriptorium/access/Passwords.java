package scriptorium.access;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id password hashes (Spring Security's encoder over Bouncy Castle), with OWASP's minimum parameters:
 * 19 MiB of memory, 2 passes, 1 lane. An unknown user is checked against a hash of nothing, so that a wrong
 * username costs the same time as a wrong password. Thread-safe.
 */
final class Passwords {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 1000;

    private static final Argon2PasswordEncoder ENCODER = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    /**
     * The hash of nothing, made at the first check of an unknown user rather than at start, where one Argon2 hash
     * (and Bouncy Castle's first use) cost the server's start a fifth of its time (docs/benchmarks.md). The class's
     * initialisation makes it once, thread-safely; that first check then costs two hashes, every later one one.
     */
    private static final class Decoy {
        static final String HASH = ENCODER.encode("no user has this password: it only costs the same time");
    }

    String hash(String password) {
        return ENCODER.encode(password);
    }

    /** True when {@code password} matches {@code hash}; a null hash (no such user) costs the same and is false. */
    boolean matches(String password, String hash) {
        boolean matches = ENCODER.matches(password, hash == null ? Decoy.HASH : hash);
        return hash != null && matches;
    }

    static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw AccessDenied.badField("password", "must be " + MIN_LENGTH + ".." + MAX_LENGTH + " characters");
        }
    }
}
