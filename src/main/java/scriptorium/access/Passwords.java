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

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final String decoy = encoder.encode("no user has this password: it only costs the same time");

    String hash(String password) {
        return encoder.encode(password);
    }

    /** True when {@code password} matches {@code hash}; a null hash (no such user) costs the same and is false. */
    boolean matches(String password, String hash) {
        boolean matches = encoder.matches(password, hash == null ? decoy : hash);
        return hash != null && matches;
    }

    static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw AccessDenied.badField("password", "must be " + MIN_LENGTH + ".." + MAX_LENGTH + " characters");
        }
    }
}
