package scriptorium.agent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import scriptorium.store.UserStore;

/**
 * A tool context of the local owner that keeps the notes the tools report writing, once each: what a run lists in
 * its note_ids.
 */
final class NotesWritten implements ToolContext {

    private final Set<String> ids = new LinkedHashSet<>();

    @Override
    public String owner() {
        return UserStore.LOCAL_OWNER;
    }

    @Override
    public void wrote(String noteId) {
        ids.add(noteId);
    }

    List<String> ids() {
        return List.copyOf(ids);
    }
}
