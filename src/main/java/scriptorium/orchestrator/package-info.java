/**
 * Routing (PROTOCOL §6) and the nodes a run goes through; {@link scriptorium.orchestrator.NodeRunner} emits
 * `processing` around each. Calls agents; never a model or the store directly.
 */
package scriptorium.orchestrator;
