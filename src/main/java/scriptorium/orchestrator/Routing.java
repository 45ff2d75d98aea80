package scriptorium.orchestrator;

import scriptorium.events.Route;

/** Where a message goes and why: the `routing` event (PROTOCOL §6). */
public record Routing(Route route, String reason) {}
