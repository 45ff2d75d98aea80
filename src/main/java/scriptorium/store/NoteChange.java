package scriptorium.store;

import java.time.Instant;

/**
 * One entry of the notes' change feed: note {@code noteId} was written (or, {@code deleted}, removed) by change
 * {@code change}. A follower reads the note's current state, so changes are applied by id, idempotently.
 */
public record NoteChange(String noteId, long change, boolean deleted) {

    /** The feed's last change number and when it was given. */
    public record Head(long change, Instant at) {}
}
