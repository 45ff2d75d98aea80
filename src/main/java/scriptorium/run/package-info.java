/**
 * A run's lifecycle: {@link scriptorium.run.RunService} accepts runs, {@link scriptorium.run.RunExecutor} carries
 * each from `start` to its one terminal event and then stores it, {@link scriptorium.run.Failure} is the one
 * mapping of failures to `error` events and HTTP answers. Knows nothing of HTTP; runs a
 * {@link scriptorium.orchestrator.Workflow} without knowing what it does.
 */
package scriptorium.run;
