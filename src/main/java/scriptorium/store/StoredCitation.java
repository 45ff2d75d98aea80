package scriptorium.store;

/**
 * How the server judged one citation of a stored agent message (PROTOCOL §7): {@code reason} (as on the wire,
 * e.g. {@code quote_not_found}) is null exactly when {@code verified}.
 */
public record StoredCitation(String messageId, String noteId, String quote, boolean verified, String reason) {}
