package scriptorium.store;

import java.time.Instant;

/** A conversation ({@code session_id}): its title is the start of its first message. */
public record Conversation(String id, String title, Instant createdAt, Instant updatedAt) {}
