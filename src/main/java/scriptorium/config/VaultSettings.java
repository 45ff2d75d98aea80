package scriptorium.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The live vault (issue 14): a folder of Markdown files kept in sync with the archive of the server's owner while the
 * server runs ({@code VAULT_PATH}, or {@code scriptorium serve --vault DIR}), or none.
 */
public sealed interface VaultSettings {

    /** What the startup line says. */
    String describe();

    record Off() implements VaultSettings {
        @Override
        public String describe() {
            return "off";
        }
    }

    /**
     * @param folder absolute and normalised; an existing, readable folder when the settings were read
     * @param quiet  how long the folder must be still before the changes seen are synced (an editor saves in several
     *               writes; a rename is a delete and a create); {@code VAULT_QUIET_MS}, 200 by default
     */
    record Folder(Path folder, Duration quiet) implements VaultSettings {
        @Override
        public String describe() {
            return folder.toString();
        }
    }

    static VaultSettings from(Env env) {
        if (env.get("VAULT_PATH") == null) {
            return new Off();
        }
        Path folder = env.path("VAULT_PATH", ".");
        Duration quiet = env.millis("VAULT_QUIET_MS", 200, 10, 10_000);
        if (!Files.exists(folder)) {
            env.problem("VAULT_PATH=" + folder + ": no such folder (create it, or point VAULT_PATH at your vault)");
        } else if (!Files.isDirectory(folder)) {
            env.problem("VAULT_PATH=" + folder + ": not a folder (the vault is a folder of Markdown files)");
        } else if (!Files.isReadable(folder)) {
            env.problem("VAULT_PATH=" + folder + ": cannot be read (permission denied)");
        }
        return new Folder(folder, quiet);
    }
}
