package scriptorium.knowledge;

import java.time.Instant;

/**
 * Where the live vault is (issue 14): what {@code GET /api/v1/vault} answers and the page shows during a first sync.
 *
 * @param owner       the user whose archive the vault is (null when off)
 * @param total       files in the current (or last) pass
 * @param done        files of it handled so far
 * @param syncMillis  how long the first sync took (0 until it is over)
 * @param problem     why the vault stopped, when {@code state} is {@code FAILED}
 */
public record VaultStatus(State state, String folder, String owner, int total, int done, int imported, int updated,
                          int moved, int trashed, int failed, Instant startedAt, long syncMillis, String problem) {

    public enum State { OFF, STARTING, SYNCING, WATCHING, FAILED }

    /** No vault (or not the caller's). */
    public static final VaultStatus NONE = new VaultStatus(State.OFF, null, null, 0, 0, 0, 0, 0, 0, 0, null, 0, null);

    /** The counts of passes, kept by the vault's one thread and read by any (each field on its own). */
    static final class Counter {
        volatile int total;
        volatile int done;
        volatile int imported;
        volatile int updated;
        volatile int moved;
        volatile int trashed;
        volatile int failed;

        void started(int files) {
            total = files;
            done = 0;
        }

        void done(int files) {
            done += files;
        }

        void imported(int notes) {
            imported += notes;
            done += notes;
        }

        void updated() {
            updated++;
        }

        void moved() {
            moved++;
            done++;
        }

        void trashed() {
            trashed++;
        }

        void failed() {
            failed++;
            done++;
        }
    }
}
