package scriptorium.run;

/**
 * What a run does between its `start` and its terminal event (the orchestrator). Runs on the run's own
 * virtual thread; emits through {@link RunContext#emit}; may throw anything: {@link RunExecutor} turns
 * every outcome into exactly one terminal event.
 */
@FunctionalInterface
public interface Workflow {
    RunResult run(RunContext run);
}
