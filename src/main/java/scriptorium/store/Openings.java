package scriptorium.store;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Openings run on a thread of their own at start (issue 16): the database's, and the archive's over it. */
public final class Openings {

    private Openings() {}

    /** Waits for {@code opening} to end; throws its own exception (not a wrapper) if it failed. */
    public static <T> T await(CompletableFuture<T> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw e;
            }
        }
    }

    /** What {@code opening} produced, once it has ended, to be closed; empty if it failed (await reported why). */
    public static <T> Optional<T> outcome(CompletableFuture<T> opening) {
        try {
            return Optional.of(opening.join());
        } catch (CompletionException | CancellationException e) {
            return Optional.empty();
        }
    }
}
