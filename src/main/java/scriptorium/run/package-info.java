/**
 * Runs and their events: {@link scriptorium.run.RunService} starts runs on its own virtual threads,
 * {@link scriptorium.run.RunExecutor} writes `start` and the one terminal event, each run's
 * {@link scriptorium.run.EventLog} numbers and keeps its events for every reader. Knows nothing of HTTP;
 * runs a {@link scriptorium.run.Workflow} without knowing what it does.
 */
package scriptorium.run;
