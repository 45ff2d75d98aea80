package scriptorium.knowledge;

/**
 * How far this instance's search index is behind the notes table: changes of the feed not applied yet, and the
 * age in ms of the newest one (0 and 0 when caught up). {@code /health} and {@code /metrics} show it.
 */
public record IndexLag(long changes, long millis) {}
