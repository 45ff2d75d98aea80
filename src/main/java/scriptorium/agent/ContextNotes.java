package scriptorium.agent;

import java.util.List;

/**
 * The notes a chat request names in {@code context_ids} (PROTOCOL §1), as text the agents read before the
 * user's message. Unknown ids are left out. Blocks on the store; thread-safe.
 */
@FunctionalInterface
public interface ContextNotes {

    /** No notes are ever given: for a team without an archive. */
    ContextNotes NONE = (owner, noteIds) -> "";

    /** {@code owner}'s notes as one block of text, or "" when none of {@code noteIds} is one of theirs. */
    String describe(String owner, List<String> noteIds);
}
