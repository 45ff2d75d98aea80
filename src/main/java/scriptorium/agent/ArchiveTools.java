package scriptorium.agent;

import java.util.List;
import scriptorium.knowledge.NoteService;
import scriptorium.llm.Agent;

/** What each agent may do to the archive: Mimir reads it, Plume writes it; the user has no tools. */
public final class ArchiveTools {

    private ArchiveTools() {}

    public static List<Tool> of(Agent agent, NoteService notes) {
        return switch (agent) {
            case MIMIR -> List.of(new SearchKnowledgeTool(notes), new RelatedContentTool(notes));
            case PLUME -> List.of(new CreateNoteTool(notes), new UpdateNoteTool(notes));
            case USER -> List.of();
        };
    }
}
