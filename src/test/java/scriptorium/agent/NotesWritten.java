package scriptorium.agent;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import scriptorium.store.UserStore;

/**
 * A tool context of the local owner that keeps the notes the tools report writing, once each (what a run lists in
 * its note_ids), and the version of each note they returned.
 */
final class NotesWritten implements ToolContext {

    private final Set<String> ids = new LinkedHashSet<>();
    private final Map<String, Long> read = new LinkedHashMap<>();

    @Override
    public String runId() {
        return "r-test";
    }

    @Override
    public String owner() {
        return UserStore.LOCAL_OWNER;
    }

    @Override
    public void wrote(String noteId) {
        ids.add(noteId);
    }

    @Override
    public void read(String noteId, long version) {
        read.put(noteId, version);
    }

    List<String> ids() {
        return List.copyOf(ids);
    }

    Map<String, Long> read() {
        return Map.copyOf(read);
    }
}
