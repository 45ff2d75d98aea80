package scriptorium.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The CLI's tokens, one per server URL, in {@code $XDG_CONFIG_HOME/scriptorium/tokens.properties} (else
 * {@code ~/.config/...}), readable by the user alone (0600, in a 0700 folder). {@code SCRIPTORIUM_TOKEN} overrides.
 */
final class CliCredentials {

    private final Path file;

    CliCredentials(Path file) {
        this.file = file;
    }

    /** The user's file; the system property {@code scriptorium.config} names another folder (tests, portable installs). */
    static CliCredentials ofUser(Map<String, String> env) {
        String folder = System.getProperty("scriptorium.config");
        if (folder != null) {
            return new CliCredentials(Path.of(folder).resolve("tokens.properties"));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new CliCredentials(base.resolve("scriptorium").resolve("tokens.properties"));
    }

    Path file() {
        return file;
    }

    /** The token for {@code url}: {@code SCRIPTORIUM_TOKEN} if set, else the one {@code login} kept. */
    Optional<String> token(String url, Map<String, String> env) {
        String override = env.get("SCRIPTORIUM_TOKEN");
        if (override != null && !override.isBlank()) {
            return Optional.of(override.strip());
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var tokens = new Properties();
            tokens.load(in);
            return Optional.ofNullable(tokens.getProperty(url));
        } catch (IOException e) {
            System.err.println("scriptorium: cannot read " + file + " (" + e.getMessage() + "); going on without a token");
            return Optional.empty();
        }
    }

    /** Keeps {@code token} for {@code url}; the file is created 0600 before anything is written into it. */
    void save(String url, String token) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        var tokens = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                tokens.load(in);
            }
        } else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        tokens.setProperty(url, token);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            tokens.store(out, "scriptorium tokens, by server URL (scriptorium login)");
        }
    }
}
