package scriptorium.agent;

import java.util.Map;
import scriptorium.llm.ToolSpec;
import scriptorium.knowledge.NoteException;
import scriptorium.knowledge.NoteService;


/**
 * What the four archive tools share: their spec, the notes they work on, arguments read by {@link ToolArguments},
 * and a refusal of the archive (an unknown note, a rule broken) told to the model as a {@link ToolException}.
 */
abstract class NoteTool implements Tool {

    private final ToolSpec spec;
    private final NoteService notes;

    NoteTool(ToolSpec spec, NoteService notes) {
        this.spec = spec;
        this.notes = notes;
    }

    @Override
    public final ToolSpec spec() {
        return spec;
    }

    @Override
    public final String announce(Map<String, Object> arguments) {
        return announce(new ToolArguments(name(), arguments));
    }

    @Override
    public final ToolOutcome run(Map<String, Object> arguments, ToolContext context) {
        try {
            return run(new ToolArguments(name(), arguments), context);
        } catch (NoteException e) {
            throw new ToolException(name() + ": " + e.getMessage(), e);
        }
    }

    /** The run owner's archive: a tool never sees another user's notes, whatever a message or a note asks. */
    final NoteService notes(ToolContext context) {
        return notes.forOwner(context.owner());
    }

    abstract String announce(ToolArguments arguments);

    abstract ToolOutcome run(ToolArguments arguments, ToolContext context);

    static String count(int notes) {
        return notes == 1 ? "1 note" : notes + " notes";
    }
}
