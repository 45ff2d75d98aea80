package scriptorium.cli;

import java.util.Optional;
import scriptorium.config.AccessSettings.AuthMode;
import scriptorium.config.Settings;
import scriptorium.store.Database;
import scriptorium.store.StoredUser;
import scriptorium.store.UserStore;

/** Whose archive {@code import} and {@code export} work on: the local owner, or in accounts mode {@code --user NAME}. */
final class ArchiveOwner {

    private ArchiveOwner() {}

    /** The owner's user id, or empty after saying why (the command then exits 2). */
    static Optional<String> of(String command, Settings settings, Database database, String user) {
        if (settings.access().mode() == AuthMode.LOCAL) {
            if (user != null) {
                System.err.println("scriptorium " + command + ": --user is for accounts mode (AUTH_MODE=accounts);"
                        + " in local mode the archive is the local owner's");
                return Optional.empty();
            }
            return Optional.of(UserStore.LOCAL_OWNER);
        }
        if (user == null) {
            System.err.println("scriptorium " + command + ": accounts mode: name whose archive with --user NAME");
            return Optional.empty();
        }
        Optional<String> id = new UserStore(database.dataSource()).findByName(user)
                .filter(u -> u.passwordHash() != null).map(StoredUser::id);
        if (id.isEmpty()) {
            System.err.println("scriptorium " + command + ": no user named " + user);
        }
        return id;
    }
}
