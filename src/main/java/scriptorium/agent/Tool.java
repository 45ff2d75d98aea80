package scriptorium.agent;

import java.util.Map;
import scriptorium.llm.ToolSpec;

/**
 * Something an agent can do besides writing: search the archive, write a note. The tool loop announces
 * it ({@code agent_action running}), runs it, and reports it ({@code completed} or {@code failed}).
 *
 * <p>Thread-safe: one instance serves every run. {@link #run} throws {@link ToolException} for a failure
 * the model should hear about (bad arguments, unknown note); anything else is a bug and fails the run.
 */
public interface Tool {

    ToolSpec spec();

    default String name() {
        return spec().name();
    }

    /** One human sentence saying what is about to happen, e.g. "Searching the archive for “python”." */
    String announce(Map<String, Object> arguments);

    ToolOutcome run(Map<String, Object> arguments, ToolContext context);
}
