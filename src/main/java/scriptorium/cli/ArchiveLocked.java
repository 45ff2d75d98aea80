package scriptorium.cli;

import scriptorium.config.Settings;

/** What {@code import} and {@code export} say when the archive cannot be opened, instead of a stack trace. */
final class ArchiveLocked {

    private ArchiveLocked() {}

    /** Prints why (most often a running server holds the database and index locks) and returns exit code 1. */
    static int report(String command, Settings settings, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        System.err.println("scriptorium " + command + ": cannot open the archive in " + settings.store().dataDir()
                + " (is a server on another URL holding it? give its --url): " + root.getMessage());
        return 1;
    }
}
