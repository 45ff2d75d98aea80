/**
 * What runs say and where it is kept: {@link scriptorium.events.RunEvent}, the per-run
 * {@link scriptorium.events.EventLog} that numbers and keeps events for every reader, and the
 * {@link scriptorium.events.Emitter} nodes, agents and tools speak through (steps only). Imports no component
 * above it: the run core, the orchestrator and the agents write here, the entry points read.
 */
package scriptorium.events;
