package scriptorium.capture;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import scriptorium.agent.AgentRun;
import scriptorium.agent.RunInput;
import scriptorium.agent.ToolContext;
import scriptorium.events.RunEvent;

/**
 * A voice note's run as the orchestrator sees it once the audio is transcribed: the same run (its events, its
 * cancellation), asked the transcript instead of the placeholder question, and noting which notes its tools wrote
 * so that the transcript can be kept with them.
 */
final class CaptureRun implements AgentRun, ToolContext {

    private final AgentRun run;
    private final RunInput input;
    private final Set<String> written = new LinkedHashSet<>();

    CaptureRun(AgentRun run, RunInput input) {
        this.run = run;
        this.input = input;
    }

    @Override
    public void emit(RunEvent.Step step) {
        run.emit(step);
    }

    @Override
    public RunInput input() {
        return input;
    }

    @Override
    public <T> T interruptibly(Supplier<T> modelCall) {
        return run.interruptibly(modelCall);
    }

    @Override
    public ToolContext tools() {
        return this;
    }

    @Override
    public String owner() {
        return run.tools().owner();
    }

    @Override
    public String runId() {
        return run.tools().runId();
    }

    @Override
    public void read(String noteId, long version) {
        run.tools().read(noteId, version);
    }

    @Override
    public void wrote(String noteId) {
        written.add(noteId);
        run.tools().wrote(noteId); // result.note_ids lists it as any run's
    }

    List<String> written() {
        return List.copyOf(written);
    }
}
