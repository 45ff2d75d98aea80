package scriptorium.run;

/** Where a run's events go: its log, and the store for those worth keeping. Implemented by {@link RunExecutor}. */
interface RunRecorder {

    void record(RunContext run, RunEvent event);

    void incomplete(RunContext run, Agent agent, Agent to, String text);
}
