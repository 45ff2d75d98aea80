package scriptorium.access;

import java.time.Instant;

/** A user as the API shows them ({@code {"id","username","role"}}): never a password hash. */
public record User(String id, String username, Role role, Instant createdAt) {}
