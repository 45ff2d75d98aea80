package scriptorium.run;

import java.time.Instant;
import java.util.List;

/** A run context for calling tools directly in tests, outside a real run: its events go nowhere. */
public final class ToolTestRuns {

    private ToolTestRuns() {}

    public static RunContext context(String message) {
        return new RunContext("r-test", "s-test", "m-test", new RunRequest(message, Mode.AUTO, null, List.of(), scriptorium.store.UserStore.LOCAL_OWNER),
                Instant.now(), new RunRecorder() {
                    @Override
                    public void record(RunContext run, RunEvent event) {
                        // nothing listens: these tests look at what the tool returns
                    }

                    @Override
                    public void incomplete(RunContext run, Agent agent, Agent to, String text) {
                        // no model call happens here
                    }
                });
    }
}
